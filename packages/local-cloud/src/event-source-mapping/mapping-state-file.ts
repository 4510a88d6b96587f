import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LocalEventSourceMappingDefinition } from '../assembly/local-stack';
import { writeFileAtomically } from '../atomic-file';
import type { SqsMappingSettings } from './mapping-update';

/** What the file keeps of one mapping that UpdateEventSourceMapping changed. */
export interface SavedMapping {
  /** The template's definition when the update was made: a template that changed since wins, as a deploy would. */
  readonly template: LocalEventSourceMappingDefinition;
  readonly settings: SqsMappingSettings;
  /** Cloud epoch milliseconds of the update. */
  readonly lastModified: number;
}

/**
 * The event source mappings' updates, kept in one JSON file (by UUID) so that a restart on the same
 * state folder keeps them. Each save writes a new file and renames it over the old one, so a
 * `kill -9` leaves either the old file or the new one, never half of one.
 */
export class MappingStateFile {
  constructor(private readonly path: string) {}

  /** The saved mappings, by UUID; none when the file does not exist yet. */
  load(): Record<string, SavedMapping> {
    if (!existsSync(this.path)) return {};
    return JSON.parse(readFileSync(this.path, 'utf8')) as Record<string, SavedMapping>;
  }

  save(mappings: Readonly<Record<string, SavedMapping>>): void {
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileAtomically(this.path, `${JSON.stringify(mappings, null, 2)}\n`);
  }
}

/**
 * The saved settings of a mapping, unless the template changed since they were saved or the function
 * they point at is gone.
 */
export function savedSettingsFor(
  saved: SavedMapping | undefined,
  definition: LocalEventSourceMappingDefinition,
  functionExists: (functionName: string) => boolean,
): SavedMapping | undefined {
  if (saved === undefined || !functionExists(saved.settings.functionName)) return undefined;
  return JSON.stringify(saved.template) === JSON.stringify(definition) ? saved : undefined;
}
