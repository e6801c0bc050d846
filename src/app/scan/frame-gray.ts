/**
 * A camera frame's luminance, read straight from its Y plane (WebCodecs VideoFrame.copyTo), for
 * the decode worker's zxing-wasm (src/read/gray-image.ts). The other way — drawing the frame on an
 * OffscreenCanvas and reading its RGBA back — converted every pixel to RGB only for zxing to
 * convert it back: in a Chromium profile of the worker, drawImage and getImageData took ≈ 6 ms a
 * 640×480 frame, more than the decoding itself.
 */
import { grayImage, type GrayImage } from '../../read/gray-image.ts';

/** Frame formats whose first plane is 8-bit luminance at full resolution (WebCodecs VideoPixelFormat). */
const LUMA_FIRST: ReadonlySet<string> = new Set(['I420', 'I420A', 'I422', 'I422A', 'I444', 'I444A', 'NV12']);

/**
 * What this needs of a VideoFrame (so a stand-in can stand for one in Node, which has none).
 * `rotation` and `flip` are newer WebCodecs fields, absent in some engines and type libraries.
 */
export type FrameLike = Pick<VideoFrame, 'format' | 'visibleRect' | 'displayWidth' | 'displayHeight' | 'allocationSize' | 'copyTo'> & {
  readonly rotation?: number;
  readonly flip?: boolean;
};

/**
 * The frame's luminance at width × height, or null for a frame whose pixels are not stored as YUV
 * (RGB formats, or a GPU texture whose format the browser does not say), or are not shown as
 * stored (rotated, mirrored or non-square pixels, as a phone's camera may mark its frames): the
 * canvas draws those the way they are shown.
 */
export async function frameGray(frame: FrameLike, width: number, height: number): Promise<GrayImage | null> {
  const rect = frame.visibleRect;
  if (!frame.format || !LUMA_FIRST.has(frame.format) || !rect) return null;
  if (frame.rotation || frame.flip || frame.displayWidth !== rect.width || frame.displayHeight !== rect.height) return null;
  const planes = new Uint8Array(frame.allocationSize());
  const [luma] = await frame.copyTo(planes);
  if (!luma) return null;
  return sampleLuma(planes, luma.offset, luma.stride, rect.width, rect.height, width, height);
}

/**
 * The luminance plane (`stride` bytes a row from `offset`, srcWidth × srcHeight) as a width ×
 * height picture: copied row by row at the same size, else sampled at each pixel's centre (a frame
 * wider than the decoder needs is scaled down, as the canvas did).
 */
export function sampleLuma(src: Uint8Array, offset: number, stride: number, srcWidth: number, srcHeight: number, width: number, height: number): GrayImage {
  const img = grayImage(width, height);
  const out = img.bytes;
  let o = img.offset;
  if (width === srcWidth && height === srcHeight) {
    for (let y = 0; y < height; y++, o += width) out.set(src.subarray(offset + y * stride, offset + y * stride + width), o);
    return img;
  }
  const xs = Uint32Array.from({ length: width }, (_, x) => Math.min(srcWidth - 1, Math.floor(((x + 0.5) * srcWidth) / width)));
  for (let y = 0; y < height; y++) {
    const row = offset + Math.min(srcHeight - 1, Math.floor(((y + 0.5) * srcHeight) / height)) * stride;
    for (let x = 0; x < width; x++) out[o++] = src[row + xs[x]!]!;
  }
  return img;
}
