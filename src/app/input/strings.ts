/** Strings of the other inputs (image file, hardware scanner), zh-CN and en. */
import { defineStrings } from '../i18n/strings.ts';

export const s = defineStrings({
  imageButton: { 'zh-CN': '从图片读取', en: 'Read from image' },
  imageReading: { 'zh-CN': '正在读取图片…', en: 'Reading image…' },
  imageHint: { 'zh-CN': '截图或照片中的健康码', en: 'A screenshot or photo of the code' },
});
