/* izde — the document scheme (DESIGN.md "Document scheme"): term prefixes
 * and value slots, following Omega's conventions where it has them so that
 * quest, xapian-delve and xapian-compact read an izde database naturally. */
#ifndef IZDE_SCHEMA_H
#define IZDE_SCHEMA_H

/* The block size of the databases izde-index writes: 4 KB, not Xapian's
 * 8 KB.  A search gives each term it reads a cursor with a buffer of a
 * block, and a process started for one query (izde-search, the CGI) pays
 * a page fault for each page of memory it first touches: about 10 us
 * here, the price of some 30 000 instructions. */
#define IZDE_BLOCK_SIZE 4096

#define IZDE_PFX_ID "Q"           /* unique id: archive-relative path */
/* Stems of body (and title) words: Kyrgyz stems (ky_stem) in a Kyrgyz
 * article, Russian ones (Xapian's stemmer) in a Russian article, English
 * ones for words in Latin letters: one prefix for every language, so that
 * loanwords the languages share (бюджет, грант) meet, and a query, whose
 * language is not known, searches a word's Kyrgyz and Russian stems under
 * it (README, "The index"). */
#define IZDE_PFX_STEM "Z"
#define IZDE_PFX_TITLE "S"        /* title words, with positions */
#define IZDE_PFX_TITLE_STEM "ZS"  /* stems of title words */
#define IZDE_PFX_KBD "XF"         /* stems of words as a Russian keyboard
                                     writes them (ң→н, ө→о, ү→у) */
#define IZDE_PFX_RUBRIC "XR"      /* rubric, case-folded (boolean) */
#define IZDE_PFX_AUTHOR "A"       /* author (boolean, case-folded) */
#define IZDE_PFX_LANG "L"         /* language: ky, ru (boolean) */
#define IZDE_PFX_GLOSSARY "XG"    /* + a glossary word key ("XGky+Zгрант"):
                                     the article uses a glossary term with
                                     that word (glossary.h) */
/* Xapian synonyms: the glossary (glossary.h); keys "ky:"/"ru:"/"en:" + Z
 * terms, values Z terms; metadata IZDE_GLOSSARY_KEY its fingerprint. */
#define IZDE_PFX_ISSUE "XI"       /* issue serial number (boolean) */
#define IZDE_PFX_DATE "D"         /* DYYYYMMDD */
#define IZDE_PFX_MONTH "M"        /* MYYYYMM */
#define IZDE_PFX_YEAR "Y"         /* YYYYY */
#define IZDE_PFX_FILE "XP"        /* the file an article was read from:
                                     its file id (boolean; all the
                                     articles of a file share it) */

#define IZDE_SLOT_DATE 0u         /* YYYYMMDD: sorting and date ranges */
#define IZDE_SLOT_ISSUE 1u        /* issue serial, zero-padded to 6 digits */
#define IZDE_SLOT_FINGERPRINT 2u  /* size, mtime, content hash of the file,
                                     its root and file id: see
                                     izde/fingerprint.h */
#define IZDE_SLOT_YEAR 3u         /* YYYY: facets */
#define IZDE_SLOT_RUBRIC 4u       /* rubric as written: facets */

/* A title word counts this many times a body word (wdf), so that BM25
 * ranks an article whose title has the words above one that only mentions
 * them. */
#define IZDE_TITLE_WDF 5u
/* Positions of the body start this far after the title's last word, so that
 * a phrase never spans title and body. */
#define IZDE_TITLE_BODY_GAP 100u

#endif
