import { KtRuleEditor } from '../rule-editor/rule-editor.ts';

KtRuleEditor.define('kt-rule-editor');
