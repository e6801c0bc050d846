import { PREFIX, PRESENTATION_PREFIX } from './constants.ts';

/** A bare code or a live presentation of one (v1.1): the same plug-in reads both. */
export const detect = (text: string): boolean => text.startsWith(PREFIX) || text.startsWith(PRESENTATION_PREFIX);
