import { PREFIX } from './constants.ts';

/** Cheap: the prefix only. Version and body are decode's job. */
export const detect = (text: string): boolean => text.startsWith(PREFIX);
