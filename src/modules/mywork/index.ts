/** The My work module's public face: other modules import from here only. */
export { createMyWorkService, type MyWork, type MyWorkDependencies, type MyWorkService } from './mywork.service.ts';
export { type OutstandingWork, outstandingWork } from './outstanding.ts';
