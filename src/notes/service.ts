import { readClient } from '../clients/access.ts';
import { checkVersion, transact, type CrmContext } from '../context.ts';
import { compact } from '../compact.ts';
import { CrmError, notFound } from '../errors.ts';
import { NoteId } from '../model/ids.ts';
import { NoteInput, NotePatch, NoteTarget, type Note } from '../model/note.ts';
import { readOrder } from '../orders/read.ts';
import { readAll } from '../storage/read-all.ts';
import { parse } from '../validation.ts';
import { expectedVersionOf, type UpdateOptions } from '../update-options.ts';

const priorityRank = { high: 0, medium: 1, none: 2 } as const;

/** C6: high before medium before none, then newest first. */
export const byPriorityThenNewest = (a: Note, b: Note) =>
  priorityRank[a.priority] - priorityRank[b.priority] || b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);

/** `crm.notes`: notes on a client or on one order, private or shared. */
export function notesService(ctx: CrmContext) {
  const visible = (note: Note) => note.visibility === 'shared' || note.author === ctx.principal.userId;

  /** Reads a note the principal may see and, for private ones, change. */
  async function readNote(id: string): Promise<Note> {
    const note = (await ctx.storage.get('notes', id)) as Note | undefined;
    if (!note) throw notFound('Note', id);
    if (!visible(note)) throw new CrmError('forbidden', 'A private note can be read and changed by its author only');
    if (note.clientId) await readClient(ctx, note.clientId);
    return note;
  }

  async function checkTarget(target: NoteTarget): Promise<void> {
    if ('clientId' in target) await readClient(ctx, target.clientId);
    else await readOrder(ctx, target.orderId);
  }

  return {
    /**
     * Adds a note to a client or to an order (W2).
     * @example
     * ```ts
     * await crm.notes.add({ clientId: client.id }, { text: 'Pays late — ask for prepayment', priority: 'high' });
     * await crm.notes.add({ orderId: '1001' }, { text: 'Deliver before 10 am', visibility: 'private' });
     * ```
     */
    async add(target: NoteTarget, input: NoteInput): Promise<Note> {
      const on = parse(NoteTarget, target, ['target']);
      const data = parse(NoteInput, input);
      return transact(ctx, async (uow) => {
        await checkTarget(on);
        const now = ctx.now();
        const note = uow.put<Note>(
          'notes',
          compact({ priority: 'none' as const, visibility: 'shared' as const, ...compact(data), ...on, id: ctx.newId('note'), author: ctx.principal.userId, createdAt: now, updatedAt: now }),
          'absent',
        );
        uow.emit({ type: 'note.added', note });
        return note;
      });
    },

    async update(id: string, patch: NotePatch, options?: UpdateOptions): Promise<Note> {
      const noteId = parse(NoteId, id, ['id']);
      const data = parse(NotePatch, patch);
      const expectedVersion = expectedVersionOf(options);
      return transact(ctx, async (uow) => {
        const previous = await readNote(noteId);
        checkVersion(previous, expectedVersion);
        const note = uow.put<Note>('notes', { ...previous, ...compact(data), updatedAt: ctx.now() }, previous);
        uow.emit({ type: 'note.updated', note });
        return note;
      });
    },

    /** Deletes a note (the UI asks for confirmation first). */
    async delete(id: string, options?: UpdateOptions): Promise<void> {
      const noteId = parse(NoteId, id, ['id']);
      const expectedVersion = expectedVersionOf(options);
      await transact(ctx, async (uow) => {
        const note = await readNote(noteId);
        checkVersion(note, expectedVersion);
        uow.delete('notes', note);
        uow.emit({ type: 'note.deleted', note });
      });
    },

    /** The notes of a client or an order the principal may see, by priority, then newest first (C6). */
    async list(target: NoteTarget): Promise<Note[]> {
      const on = parse(NoteTarget, target, ['target']);
      await checkTarget(on);
      const [index, key] = 'clientId' in on ? ['clientId', on.clientId] : ['orderId', on.orderId];
      const notes = await readAll<Note>(ctx, 'notes', index, { eq: key });
      return notes.filter(visible).sort(byPriorityThenNewest);
    },
  };
}
export type NotesService = ReturnType<typeof notesService>;
