/** Searching the raw frames a peer received for a piece of text (Yjs stores strings as UTF-8). */
export function framesContain(frames: Uint8Array[], text: string): boolean {
  const needle = Buffer.from(text, 'utf8')
  return frames.some((frame) =>
    Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength).includes(needle),
  )
}
