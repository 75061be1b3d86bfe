// What an ID image must be before it is sealed: a JPEG or PNG of the type claimed, not too big,
// for one of the three sides; and the error a sealed image fails with.
import { problem, type Problem } from '../../../shared/problems';
import { ID_IMAGE_FIELDS, type IdImageField } from '../../../shared/signer';

export const ID_IMAGE_SIDES = ID_IMAGE_FIELDS;
export type IdImageSide = IdImageField;
export const ID_IMAGE_TYPES = ['image/jpeg', 'image/png'] as const;
export type IdImageContentType = (typeof ID_IMAGE_TYPES)[number];

/** The largest image accepted: a phone photo of an ID card is far smaller. */
export const MAX_ID_IMAGE_BYTES = 10 * 1024 * 1024;

export type IdImageErrorCode =
  /** A job id, side, content type or image the store refuses. */
  | 'invalid_input'
  /** The keychain holds no key (or another one) for images sealed earlier: they are lost. */
  | 'key_missing'
  /** The keychain's entry is not a key this store wrote. */
  | 'key_invalid'
  /** The file was altered, truncated, or moved from another job or side. */
  | 'tampered';

/** A sealed image that cannot be kept or read. The message is for a person and names no content. */
export class IdImageError extends Error {
  override readonly name = 'IdImageError';

  constructor(
    readonly code: IdImageErrorCode,
    message: string,
  ) {
    super(message);
  }

  /** The same failure as the renderer words it: refused at the door, or lost once sealed. */
  get problem(): Problem {
    if (this.code === 'invalid_input') return problem('idImageRefused');
    return problem(this.code === 'key_invalid' ? 'idImageKeyForeign' : 'idImageLost');
  }

  /** Trying again cannot help: the input, the key or the file has to change first. */
  get retryable(): boolean {
    return false;
  }
}

/** Each side in words, for messages. */
export const ID_IMAGE_LABELS: Record<IdImageSide, string> = {
  document_front: 'front of the ID document',
  document_rear: 'back of the ID document',
  document_owner: 'photo of the document owner',
};

const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff]);
const PNG_HEAD = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function checkSide(side: IdImageSide): void {
  if (!(ID_IMAGE_SIDES as readonly string[]).includes(side))
    throw new IdImageError('invalid_input', `“${String(side)}” is not a kind of ID image.`);
}

/** The bytes as a Buffer (no copy) once they are a JPEG or PNG of the type claimed and not too big. */
export function checkImage(side: IdImageSide, bytes: Uint8Array, contentType: IdImageContentType): Buffer {
  const label = ID_IMAGE_LABELS[side];
  if (!(ID_IMAGE_TYPES as readonly string[]).includes(contentType))
    throw new IdImageError('invalid_input', `The ${label} must be a JPEG or PNG picture.`);
  if (!(bytes instanceof Uint8Array) || bytes.length === 0)
    throw new IdImageError('invalid_input', `The ${label} is empty.`);
  if (bytes.length > MAX_ID_IMAGE_BYTES)
    throw new IdImageError(
      'invalid_input',
      `The ${label} is larger than ${MAX_ID_IMAGE_BYTES / 1024 / 1024} MB; take or save a smaller picture.`,
    );
  const image = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const actual = startsWith(image, JPEG_HEAD)
    ? 'image/jpeg'
    : startsWith(image, PNG_HEAD)
      ? 'image/png'
      : null;
  if (actual === null) throw new IdImageError('invalid_input', `The ${label} is not a JPEG or PNG picture.`);
  if (actual !== contentType)
    throw new IdImageError(
      'invalid_input',
      `The ${label} is a ${actual === 'image/jpeg' ? 'JPEG' : 'PNG'} picture, not the ${contentType === 'image/jpeg' ? 'JPEG' : 'PNG'} it was said to be.`,
    );
  return image;
}

const startsWith = (bytes: Buffer, head: Buffer): boolean =>
  bytes.length >= head.length && bytes.subarray(0, head.length).equals(head);
