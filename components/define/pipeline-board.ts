import { KtPipelineBoard } from '../pipeline-board/pipeline-board.ts';

KtPipelineBoard.define('kt-pipeline-board');
