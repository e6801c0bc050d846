/** A QR code holds at most 4,296 alphanumeric characters; anything far longer is not a code. */
export const MAX_INPUT_CHARS = 8192;
