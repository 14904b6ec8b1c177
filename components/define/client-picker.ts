import { KtClientPicker } from '../client-picker/client-picker.ts';

KtClientPicker.define('kt-client-picker');
