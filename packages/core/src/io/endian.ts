/** Typed arrays on disk and in hashes are little-endian whatever the host's byte order. */

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The bytes of `a` in little-endian order (a view on little-endian hosts, a swapped copy otherwise). */
export function littleEndianBytes(a: Float64Array | Float32Array): Uint8Array {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  return HOST_LITTLE_ENDIAN ? bytes : swapped(bytes, a.BYTES_PER_ELEMENT);
}

/** A fresh Float64Array / Float32Array from little-endian bytes (copied, so alignment never matters). */
export function fromLittleEndian(bytes: Uint8Array, dtype: 'float64' | 'float32'): Float64Array | Float32Array {
  const width = dtype === 'float64' ? 8 : 4;
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(HOST_LITTLE_ENDIAN ? bytes : swapped(bytes, width));
  return dtype === 'float64' ? new Float64Array(copy.buffer) : new Float32Array(copy.buffer);
}

function swapped(bytes: Uint8Array, width: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += width) {
    for (let j = 0; j < width; j++) out[i + j] = bytes[i + width - 1 - j];
  }
  return out;
}
