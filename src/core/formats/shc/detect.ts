import { PREFIX } from './constants.ts';

/** Cheap: the `shc:/` prefix only (the spec writes it in lower case). */
export const detect = (text: string): boolean => text.startsWith(PREFIX);
