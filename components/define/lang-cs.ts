import { registerTranslation } from '../base/locale.ts';
import { cs } from '../translations/cs.ts';

registerTranslation('cs', cs);
