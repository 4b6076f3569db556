export { ActivePack } from './active-pack.js';
export { PackModule, PackLoadError, type PackModuleOptions } from './pack.module.js';
export { watchPackFile, type PackFileWatcher } from './pack-file.watcher.js';
export { PackReloadService, type PackReloadOptions } from './pack-reload.service.js';
