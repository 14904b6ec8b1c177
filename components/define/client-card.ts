import { KtClientCard } from '../client-card/client-card.ts';
import './notes.ts';
import './task-list.ts';

KtClientCard.define('kt-client-card');
