// What a host (the desktop main process, `paneldb serve`) takes from the engine besides a session:
// the demo database and the real file system. Hosts import the app layer only, never the engine.
export { createDemoDatabase, nodeFileSystem } from '../core/index';
