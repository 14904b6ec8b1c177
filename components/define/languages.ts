// Every language the kit ships besides English.
import './lang-cs.ts';
import './lang-pl.ts';
import './lang-sl.ts';
