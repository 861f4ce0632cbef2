// Moved to the one catalog shared with the CLI (electron/shared/i18n); kept so older imports resolve.
export { zhCN } from '../../../electron/shared/i18n';
