import { PREFIX } from './constants.ts';

/** Cheap: the context identifier only. The rest is decode's job. */
export const detect = (text: string): boolean => text.startsWith(PREFIX);
