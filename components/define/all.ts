// The drop-in bundle: registers every Kartoteka element.
import './crm-provider.ts';
import './client-table.ts';
import './client-picker.ts';
import './client-card.ts';
import './notes.ts';
import './task-list.ts';
import './pipeline-board.ts';
import './crm-settings.ts';
import './csv-import.ts';
import './csv-export.ts';
import './rule-editor.ts';
import './duplicates.ts';
import './languages.ts';
