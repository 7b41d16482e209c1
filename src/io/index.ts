/** File-system access of generate: reading the project, and the one writer. */
export { readSfdxProject, type SfdxProject } from './readProject';
export { discoverObjects } from './discoverObjects';
export { writeFiles, checkFiles, resolveInside, writeFileAtomic, type RenderedFile, type WriteStatus, type CheckStatus } from './writeFiles';
export { readCatalogue } from './readCatalogue';
