import { KtTaskList } from '../task-list/task-list.ts';

KtTaskList.define('kt-task-list');
