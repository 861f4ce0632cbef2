// The preload (bundled to dist/electron/preload.cjs; sandboxed, so CommonJS and no Node). It exposes
// `window.api`: one function per contract method, each invoking the same-named channel, plus event
// subscriptions that hand the page only the payload, never the IPC event. A file dropped on the
// window is resolved to its path here, in the isolated world: the page never sees or sends paths.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import {
  API_METHOD_NAMES,
  DROP_CHANNEL,
  PROGRESS_CHANNEL,
  SESSION_CHANGED_CHANNEL,
} from '../shared/api-methods';
import type { Api, ProgressListener, SessionChangedListener, WindowApi } from '../shared/contract';

const subscribe = <T>(channel: string, listener: (payload: T) => void) => {
  const forward = (_event: IpcRendererEvent, payload: T) => listener(payload);
  ipcRenderer.on(channel, forward);
  return () => void ipcRenderer.removeListener(channel, forward);
};

const methods = Object.fromEntries(
  API_METHOD_NAMES.map((method) => [method, (request: unknown) => ipcRenderer.invoke(method, request)]),
) as unknown as Api;

contextBridge.exposeInMainWorld('api', {
  ...methods,
  onProgress: (listener: ProgressListener) => subscribe(PROGRESS_CHANNEL, listener),
  onSessionChanged: (listener: SessionChangedListener) => subscribe(SESSION_CHANGED_CHANNEL, listener),
} satisfies WindowApi);

interface DropEventLike {
  isTrusted: boolean;
  preventDefault(): void;
  dataTransfer: { files: ArrayLike<File> } | null;
}
const page = globalThis as unknown as {
  addEventListener(type: 'dragover' | 'drop', listener: (event: DropEventLike) => void): void;
};
page.addEventListener('dragover', (event) => event.preventDefault());
page.addEventListener('drop', (event) => {
  event.preventDefault();
  if (!event.isTrusted) return; // a drop the page synthesised itself
  const file = event.dataTransfer?.files[0];
  const path = file === undefined ? '' : webUtils.getPathForFile(file);
  if (path !== '') void ipcRenderer.invoke(DROP_CHANNEL, path);
});
