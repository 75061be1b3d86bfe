// Secrets in the OS keychain: the Keychain interface and its only real implementation, the check
// that a secure keychain works, the RAO token vault, and the sealed store of ID-document images.
export {
  checkKeychainAvailable,
  INDEX_ACCOUNT,
  keychainIdle,
  OsKeychain,
  PROBE_SERVICE,
  type Keychain,
  type KeychainBackend,
  type OsKeychainOptions,
} from './keychain';
export {
  KeychainError,
  KeychainUnavailableError,
  TokenMissingError,
  TokenVaultError,
  type KeychainUnavailableReason,
  type TokenVaultErrorCode,
} from './errors';
export {
  SERVICE_PREFIX,
  TokenVault,
  type CreateTokenInput,
  type OptimizerEnv,
  type StoredToken,
  type TokenApi,
  type TokenDetails,
  type TokenLabel,
  type TokenStatus,
  type TokenVaultOptions,
} from './token-vault';
export {
  ID_IMAGE_KEY_ACCOUNT,
  ID_IMAGE_KEY_SERVICE,
  ID_IMAGE_SIDES,
  ID_IMAGE_TYPES,
  IdImageError,
  IdImageStore,
  MAX_ID_IMAGE_BYTES,
  purgeJobIdImages,
  sweepIdImages,
  type IdImageAudit,
  type IdImageContentType,
  type IdImageErrorCode,
  type IdImagePurgeReason,
  type IdImageSide,
  type IdImageStoreOptions,
} from './id-images';
