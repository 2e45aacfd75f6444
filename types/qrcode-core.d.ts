/**
 * qrcode's encoder alone (its package entry also bundles the PNG and SVG writers, 38 KiB the PDF never uses); the
 * types are @types/qrcode's.
 */
declare module 'qrcode/lib/core/qrcode' {
  export { create } from 'qrcode';
}
