import { registerTranslation } from '../base/locale.ts';
import { sl } from '../translations/sl.ts';

registerTranslation('sl', sl);
