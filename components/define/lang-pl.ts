import { registerTranslation } from '../base/locale.ts';
import { pl } from '../translations/pl.ts';

registerTranslation('pl', pl);
