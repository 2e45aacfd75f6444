// What fontkit's `import decompress from 'brotli/decompress.js'` gets in a Lambda bundle (bundle-options.ts `alias`):
// Node's own Brotli decoder instead of the pure-JS port, whose dictionary alone is ~0.5 MB of bundle. Same contract:
// (compressed bytes, decompressed size?) => the decompressed bytes as a Uint8Array (only WOFF2 fonts use it).
const { brotliDecompressSync } = require('node:zlib');

module.exports = function decompress(buffer, outputSize) {
  const out = brotliDecompressSync(buffer);
  const bytes = new Uint8Array(out.buffer, out.byteOffset, out.length);
  return outputSize == null ? bytes : bytes.subarray(0, outputSize);
};
