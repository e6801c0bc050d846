import { PREFIX } from './constants.ts';

export const detect = (text: string): boolean => text.startsWith(PREFIX);
