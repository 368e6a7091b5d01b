// Authtrace as the reports and the HAR name their tool.
import type { Tool } from '../../shared/report/subject.js';
import { appVersion } from '../services/app-version.js';

export function authtraceTool(): Tool {
  return { name: 'Authtrace', version: appVersion() };
}
