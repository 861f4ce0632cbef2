// Facts about Xray-core's configuration that both the migrations and the health checks rely on.

/** VLESS Encryption is on when `decryption` is a non-empty string other than "none". */
export function vlessEncryptionOn(settings: Record<string, unknown>): boolean {
  const decryption = settings.decryption;
  return typeof decryption === 'string' && decryption.trim() !== '' && decryption !== 'none';
}
