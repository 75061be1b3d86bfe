// Secrets in the OS keychain: the Keychain interface and its only real implementation, the check
// that a secure keychain works, and the RAO token vault.
export {
  checkKeychainAvailable,
  INDEX_ACCOUNT,
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
  redact,
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
