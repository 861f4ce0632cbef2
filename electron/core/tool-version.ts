// Recorded in backup metadata and history rows so a file says which PanelDB touched it.
import packageJson from '../../package.json';

export const TOOL_VERSION: string = packageJson.version;
