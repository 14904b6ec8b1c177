import { KtNotes } from '../notes/notes.ts';

KtNotes.define('kt-notes');
