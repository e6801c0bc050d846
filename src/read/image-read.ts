/**
 * What reading a QR code from a picture gives — in the app (src/app/input/image-file.ts) and in
 * Node (image-file.node.ts) alike: the text, or a Failure whose code is a verdict reason, so a
 * caller hands `reason` straight to readFailed() and the person sees the same text either way.
 * Defined once here so the two readers cannot drift apart again.
 */
import type { ReasonCode } from '../core/model/reasons.ts';
import type { Result } from '../core/result.ts';

/** `satisfies`: each is a reason code the verdict screen already has a text for. */
export const IMAGE_READ_CODES = ['IMAGE_UNREADABLE', 'IMAGE_TOO_LARGE', 'NO_CODE_FOUND'] as const satisfies readonly ReasonCode[];
export type ImageReadCode = (typeof IMAGE_READ_CODES)[number];

/** The QR text in the picture, or why there is none. */
export type ImageReadResult = Result<string, ImageReadCode>;
