import { KtClientCard } from '../client-card/client-card.ts';
import './notes.ts';

KtClientCard.define('kt-client-card');
