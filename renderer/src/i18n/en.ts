// Moved to the one catalog shared with the CLI (electron/shared/i18n); kept so older imports resolve.
export { en, type Dictionary, type MessageKey } from '../../../electron/shared/i18n';
