/** What every editable record offers, whichever module keeps it: the web layer's record pages work with this. */

import type { Actor } from './actor.ts';

export interface ListOptions {
  includeArchived?: boolean;
  id?: string;
}

export interface RecordService<View, Input> {
  list(scopeId: string | null, options?: ListOptions): Promise<View[]>;
  /** Throws NotFoundError when the record is not in this scope. */
  get(scopeId: string | null, id: string): Promise<View>;
  create(actor: Actor, scopeId: string | null, input: Input): Promise<string>;
  update(actor: Actor, scopeId: string | null, id: string, version: number, input: Input): Promise<void>;
  setArchived(actor: Actor, scopeId: string | null, id: string, version: number, archived: boolean): Promise<void>;
}
