/* izde — the rules-based Kyrgyz stemmer (see include/izde/ky_stem.h and
 * ../shared/eval/KYRGYZ-MORPHOLOGY.md).
 *
 * How it works
 * ------------
 * The word is decoded into code points on the stack; я/ю/ё after a vowel
 * are spelt out as й + а/у/о (бою = бой-у, коюлду = кой-ул-ду, уюму =
 * уйум-у) and joined again when the stem is written.  Suffixes are written
 * as templates with archiphonemes (below); a template matches only if the
 * form it takes *after the remaining stem* — by vowel harmony with the
 * stem's last vowel and consonant assimilation with the stem's last
 * letter — is exactly the word's ending.  That single check rejects most
 * words that only look suffixed (сектор is not сек+тор, бюджет is not
 * бюдж+ет, орган is not ор+ган) without a dictionary.
 *
 * Layers, outermost first (each strips at most one suffix, the longest
 * that passes the checks):
 *   question particle -бы  ->  predicative person  ->  case (with the
 *   possessive+case composites -сын, -ына, -ында ...)  ->  possessive  ->
 *   plural  ->  loop back once or twice for -дагы/-ныкы, which make a new
 *   noun that takes plural and case again  ->  place/nation -лык (bare
 *   words only) and "having" -луу  ->  verbal layer (participle -ган and
 *   verbal noun -уу, which may carry nominal suffixes; tense/person,
 *   negation, converb -ып, conditional ...; then reciprocal -ыш and
 *   passive -ыл/-ын).  Every verbal strip must leave a stem shaped like a
 *   verb stem (verb_shaped: one syllable, or a voice/causative/verb-
 *   forming ending), which keeps мамлекет, депутат, кызмат, өкмөт whole.
 * At the end a collapsed stem gets its dropped vowel back (орду -> орун,
 * мойну -> моюн, айлы -> айыл), and every балдар- form stems to бала.
 * After the nominal layers a stem-final г/б is restored to к/п (салыгы ->
 * салык, китеби -> китеп) and a final ь dropped (сентябрь -> сентябр), and
 * the same again after the verbal layer, so that the verbal layer sees the
 * same string whether or not the word was inflected (consistency matters
 * more than linguistic truth for search).
 *
 * Guards on every strip: the remaining stem keeps a vowel and at least 3
 * letters, or 2 letters when the suffix is "checked" (it has an
 * alternating consonant or two harmonic vowels: иштер -> иш, элдер -> эл,
 * but аты stays); a vowel-initial suffix never follows a vowel (so a double
 * vowel is never split: суу, тоо, баа); a sorted exception table (about
 * 210 stems, no inflected forms) stops stripping at words that only look
 * suffixed (кыргызстан, доллар, китеп, адат, бала, жумуш, кеңеш).  A stem
 * of consonants only is an acronym in lower case (крнын -> кр); its case
 * and plural endings follow the letters' spoken names, so harmony and
 * assimilation are not checked there.
 *
 * Lemma policy (for search, checked against the gold's two lemma views):
 *   -чы/-чу agent nouns are KEPT (жумушчу is not жумуш; окуучу, and
 *     теңдештирүүчү with all its inflected forms, stem to the agent noun);
 *     the habitual participle -чу is therefore not stripped either.
 *   -сыз "without" is KEPT (opposite meaning); so is the homographic
 *     polite predicative -сыз (rare in magazine prose).
 *   -лык/-дык/-тык is stripped from a bare word when at least 3 letters
 *     remain (кыргызстандык -> кыргызстан, мамлекеттик -> мамлекет,
 *     жылдык -> жыл; айлык stays, lexicalised бийлик, достук, түштүк,
 *     бардык, балалык, жакшылык are exceptions); once the -лык word is
 *     inflected it is a noun of its own (кыргызстандыктар, агенттиктин),
 *     as the news treebank lemmatises it; -чылык and -лык after the
 *     adjectives in -луу/-сыз are kept (abstract nouns of their own:
 *     мүмкүнчүлүк, кылмыштуулук, коопсуздук).
 *   -луу/-дуу/-туу "having" is stripped from a bare word when at least 3
 *     letters remain (ыктыярдуу -> ыктыяр, күчтүү -> күч), as the news
 *     treebank does; inflected, it is a noun of its own (оорулуулар).
 *   The bare 1sg possessive -ым is stripped only where the stem shows the
 *     boundary (мектебим, укугум, ордум, жумушум): elsewhere it is as
 *     often the deverbal noun -ым (билим, кийим, жетим).
 *   Verbal nouns and participles go to the verb stem (шайлоо -> шайла,
 *     болгон -> бол, алыш -> ал after a verbal suffix), since a query for
 *     a verb should find its nouns.
 * Words typed on a Russian keyboard (н/о/у for ң/ө/ү) go through the same
 * rules; harmony may then reject a strip, which is harmless because index
 * and query see the same string.
 *
 * No allocation, no global mutable state: all tables are const.
 */
#include "izde/ky_stem.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- letters ------------------------------------------------------------ */

typedef uint16_t cp_t;

enum {
    A_ = 0x430, B_ = 0x431, V_ = 0x432, G_ = 0x433, D_ = 0x434, YE_ = 0x435,
    ZH_ = 0x436, Z_ = 0x437, I_ = 0x438, J_ = 0x439, K_ = 0x43A, L_ = 0x43B,
    M_ = 0x43C, N_ = 0x43D, O_ = 0x43E, P_ = 0x43F, R_ = 0x440, S_ = 0x441,
    T_ = 0x442, U_ = 0x443, F_ = 0x444, X_ = 0x445, TS_ = 0x446, CH_ = 0x447,
    SH_ = 0x448, SHCH_ = 0x449, HARD_ = 0x44A, Y_ = 0x44B, SOFT_ = 0x44C,
    E_ = 0x44D, YU_ = 0x44E, YA_ = 0x44F, YO_ = 0x451,
    NG_ = 0x4A3, UE_ = 0x4AF, OE_ = 0x4E9
};

static bool is_cyr(cp_t c)
{
    return (c >= 0x430 && c <= 0x44F) || c == YO_ || c == NG_ || c == UE_ ||
           c == OE_;
}

static bool is_vowel(cp_t c)
{
    switch (c) {
    case A_: case YE_: case I_: case O_: case U_: case Y_: case E_:
    case YU_: case YA_: case YO_: case UE_: case OE_:
        return true;
    default:
        return false;
    }
}

static bool is_voiceless(cp_t c)
{
    switch (c) {
    case P_: case T_: case K_: case S_: case SH_: case CH_: case X_: case F_:
    case TS_: case SHCH_:
        return true;
    default:
        return false;
    }
}

static bool is_high(cp_t c)
{
    return c == Y_ || c == I_ || c == U_ || c == UE_;
}

static bool is_low(cp_t c)
{
    return c == A_ || c == YE_ || c == O_ || c == OE_;
}

/* ---- harmony ------------------------------------------------------------ */

/* The harmony class of a vowel: я/ю/ё count as а/у/о, э as е. */
static cp_t base_vowel(cp_t v)
{
    switch (v) {
    case YA_: return A_;
    case YU_: return U_;
    case YO_: return O_;
    case E_: return YE_;
    default: return v;
    }
}

/* High (I) suffix vowel after last vowel v: а ы -> ы, е и -> и, о у -> у,
 * ө ү -> ү. */
static cp_t high_after(cp_t v)
{
    switch (base_vowel(v)) {
    case A_: case Y_: return Y_;
    case YE_: case I_: return I_;
    case O_: case U_: return U_;
    default: return UE_;
    }
}

/* Low (A) suffix vowel: а ы у -> а (у takes а, not о), е и -> е, о -> о,
 * ө ү -> ө. */
static cp_t low_after(cp_t v)
{
    switch (base_vowel(v)) {
    case A_: case Y_: case U_: return A_;
    case YE_: case I_: return YE_;
    case O_: return O_;
    default: return OE_;
    }
}

/* Two-way (U) suffix vowel of -уу/-үү, -луу: back -> у, front -> ү. */
static cp_t two_way_after(cp_t v)
{
    switch (base_vowel(v)) {
    case A_: case Y_: case O_: case U_: return U_;
    default: return UE_;
    }
}

/* ---- suffix templates --------------------------------------------------- *
 * A template is a UTF-8 string: Cyrillic letters stand for themselves,
 * ASCII capitals are archiphonemes realised from the left context:
 *   A  low vowel  а/е/о/ө        I  high vowel ы/и/у/ү    U  у/ү (2-way)
 *   L  plural:       л after vowel, р, й; д after voiced; т after voiceless
 *   R  -лык/-луу:    л after vowel, й;    д after voiced (р too); т voiceless
 *   N  genitive/acc: н after vowel; д after voiced; т after voiceless
 *   D  locative:     д after vowel or voiced; т after voiceless
 *   G  dative/-ган:  г after vowel or voiced; к after voiceless
 *   B  -бы/-быз/-ба: б after vowel or voiced; п after voiceless
 * and, first in a template only, markers on the letter before the suffix:
 *   V  it must be a vowel        C  it must be a consonant
 *   c  a consonant after a vowel (негиз-ги, алыс-кы; not минс-ки: a
 *      loan's final cluster keeps its к, минск-и)
 *   s  it must be й or ң (жай-кы, эртең-ки; not р: парк-ы)
 */

enum { TPL_MAX = 12 };

/* A table entry: the template text and its length in bytes. */
typedef struct {
    const char *s;
    size_t len;
} tpl_src;
#define T(str) { str, sizeof(str) - 1 }

typedef struct {
    cp_t sym[TPL_MAX];  /* archiphonemes as ASCII, letters as code points */
    size_t n;           /* symbols that consume a letter */
    char marker;        /* 'V', 'C', 'c', 's' or 0 */
    bool checked;       /* has a harmonic vowel or alternating consonant,
                         * i.e. a realisation that can fail the check */
} tpl_t;

static bool is_arch_vowel(cp_t s)
{
    return s == 'A' || s == 'I' || s == 'U';
}

static bool is_arch_cons(cp_t s)
{
    return s == 'L' || s == 'R' || s == 'N' || s == 'D' || s == 'G' ||
           s == 'B';
}

/* Parses a template (once: see compile_tables). */
static void parse_template(const char *s, tpl_t *t)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t vowels = 0;
    bool alt = false;

    t->n = 0;
    t->marker = 0;
    if (*p == 'V' || *p == 'C' || *p == 'c' || *p == 's')
        t->marker = (char)*p++;
    while (*p && t->n < TPL_MAX) {
        cp_t c;
        if (*p < 0x80) {
            c = *p++;
            if (is_arch_vowel(c))
                vowels++;
            if (is_arch_cons(c))
                alt = true;
        } else {
            c = (cp_t)(((p[0] & 0x1F) << 6) | (p[1] & 0x3F));
            p += 2;
        }
        t->sym[t->n++] = c;
    }
    t->checked = alt || vowels >= 1;
}

/* The letter an archiphoneme becomes after `prev` with last vowel `lv`. */
static cp_t realise(cp_t sym, cp_t prev, cp_t lv)
{
    bool vow = is_vowel(prev), vless = is_voiceless(prev);

    switch (sym) {
    case 'A': return low_after(lv);
    case 'I': return high_after(lv);
    case 'U': return two_way_after(lv);
    case 'L': return (vow || prev == R_ || prev == J_) ? L_ : vless ? T_ : D_;
    case 'R': return (vow || prev == J_) ? L_ : vless ? T_ : D_;
    case 'N': return vow ? N_ : vless ? T_ : D_;
    case 'D': return vless ? T_ : D_;
    case 'G': return vless ? K_ : G_;
    case 'B': return vless ? P_ : B_;
    default: return sym;
    }
}

static cp_t last_vowel(const cp_t *w, size_t n)
{
    while (n > 0)
        if (is_vowel(w[--n]))
            return w[n];
    return 0;
}

/* The shortest stem a suffix may leave: 2 letters only after a checked
 * suffix (иштер -> иш, иши -> иш), otherwise 3; match_template further
 * requires a 2-letter stem to be vowel + consonant (эл, иш, үй, ат). */
static size_t min_stem_for(const tpl_t *t, size_t floor)
{
    size_t m = t->checked ? 2 : 3;
    return floor > m ? floor : m;
}

/* Can archiphoneme, marker or letter `sym` stand for letter c? */
static inline bool sym_may_be(cp_t sym, cp_t c)
{
    switch (sym) {
    case 'A': return c == A_ || c == YE_ || c == O_ || c == OE_;
    case 'I': return c == Y_ || c == I_ || c == U_ || c == UE_;
    case 'U': return c == U_ || c == UE_;
    case 'L': case 'R': return c == L_ || c == D_ || c == T_;
    case 'N': return c == N_ || c == D_ || c == T_;
    case 'D': return c == D_ || c == T_;
    case 'G': return c == G_ || c == K_;
    case 'B': return c == B_ || c == P_;
    case 'V': return is_vowel(c);
    case 'C': case 'c': return !is_vowel(c);
    case 's': return c == J_ || c == NG_;
    default: return sym == c;
    }
}

/* A stem of 2 to 5 consonants is an acronym written in lower case (крнын,
 * ккмды, кмшдагы): its suffix follows the spoken name of the letters,
 * which the written ones do not show, so any realisation of an unmarked,
 * consonant-initial suffix (case, plural) passes.  Not a vowel-initial
 * one or one with a marker: the vowel may be the acronym's own (жкку is
 * not жк + -ку). */
static bool acronym_suffix(const cp_t *w, size_t stem, const tpl_t *t)
{
    if (stem < 2 || stem > 5 || t->marker != 0 ||
        is_arch_vowel(t->sym[0]) || is_vowel(t->sym[0]))
        return false;
    for (size_t i = 0; i < t->n; i++)
        if (!sym_may_be(t->sym[i], w[stem + i]))
            return false;
    return true;
}

/* If the word w[0..n) ends in template t realised after its own stem,
 * returns the stem length, else 0. */
static size_t match_template(const cp_t *w, size_t n, const tpl_t *t,
                             size_t floor)
{
    if (t->n + min_stem_for(t, floor) > n)
        return 0;
    size_t stem = n - t->n;
    cp_t prev = w[stem - 1];
    cp_t lv = last_vowel(w, stem);

    if (lv == 0)
        return acronym_suffix(w, stem, t) ? stem : 0;
    if (t->marker == 'V' && !is_vowel(prev))
        return 0;
    if (t->marker == 'C' && is_vowel(prev))
        return 0;
    if (t->marker == 'c' && (is_vowel(prev) || !is_vowel(w[stem - 2])))
        return 0;
    if (t->marker == 's' && prev != J_ && prev != NG_)
        return 0;
    /* A 2-letter root is vowel + consonant (эл, иш, үй, ат); кү+нү is not
     * a parse of күнү. */
    if (stem == 2 && (!is_vowel(w[0]) || is_vowel(w[1])))
        return 0;
    /* A vowel-initial suffix never follows a vowel: this is what keeps
     * double vowels whole (суу is not су+у). */
    if (is_vowel(prev) &&
        (is_arch_vowel(t->sym[0]) || is_vowel(t->sym[0])))
        return 0;
    for (size_t i = 0; i < t->n; i++) {
        cp_t c = realise(t->sym[i], prev, lv);
        if (c != w[stem + i])
            return 0;
        prev = c;
        if (is_vowel(c))
            lv = c;
    }
    return stem;
}


#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- nominal tables ----------------------------------------------------- */

/* Question particle -бы/-пы, written attached (барбы, жокпу).  After a
 * vowel only behind д + vowel (келдиби, үйдөбү): китеби, мектеби, тарабы
 * are б-stems with the possessive. */
static const tpl_src k_question[] = { T("CBI"), T("дIбI"), T("дAбI") };

/* Predicative person endings on nouns (1sg, 2sg, 2pl, 1pl, probability).
 * -сыз is left alone: it is also the privative "without". */
static const tpl_src k_predicative[] = {
    T("CмIн"), T("сIң"), T("сIңAр"), T("BIз"), T("DIр"),
};
/* 1sg -мын only after a consonant: after a vowel it is more often the
 * possessive + accusative of an м-final noun (курамын = курам-ын). */

/* Case endings, plain and fused with the possessive before them. */
static const tpl_src k_case[] = {
    T("NIн"),          /* genitive */
    T("NI"),           /* accusative (also past 3rd person of verbs) */
    T("GA"),           /* dative */
    T("DA"),           /* locative */
    T("DAн"),          /* ablative */
    T("DAGI"),         /* relative -дагы */
    T("NIкI"),         /* T("the one of") -ныкы */
    T("VсIн"), T("CIн"),  /* possessive 3rd + accusative -н */
    T("VсIнA"), T("CIнA"),    /* possessive 3rd + dative -на */
    T("VсIнDA"), T("CIнDA"),  /* possessive 3rd + locative -нда */
    T("VсIнAн"), T("CIнAн"),  /* possessive 3rd + ablative -нан */
    T("VсIнDAGI"), T("CIнDAGI"), /* possessive 3rd + relative */
    T("NIкIн"), T("NIкIнA"), T("NIкIнDA"), T("NIкIнAн"), /* -ныкы + case */
    T("CIмA"), T("CIңA"), /* possessive 1sg/2sg + short dative (after a
                           * vowel see exception_behind_vowel) */
};

/* Relative suffixes alone, for the second and third round of the loop. */
static const tpl_src k_relative[] = {
    T("DAGI"), T("NIкI"), T("VсIнDAGI"), T("CIнDAGI"),
};

/* The bare 1sg/2sg possessive (-ым, -м, -ың, -ң) is not stripped: it is
 * rare in prose and the same letters end very many stems (адам, мыйзам,
 * билим, келишим).  Before a case it is taken with the case (k_case). */
static const tpl_src k_possessive[] = {
    T("CIң"),                  /* 2sg after a consonant (көзүң, жолуң) */
    T("DIң"), T("DIңIз"), T("DIңAр"), T("DIңIздAр"), /* the same endings on the past
                             * tense: бардың is бар-ды-ң, not бард-ың */
    T("LAрIм"), T("LAрIң"),       /* 1sg/2sg after the plural, where they are
                             * unambiguous (салттарым, аттарың) */
    T("CIңIз"), T("VңIз"),        /* 2sg polite */
    T("CI"), T("VсI"),            /* 3rd */
    T("CIбIз"), T("VбIз"),        /* 1pl */
    T("CIңAр"), T("VңAр"),        /* 2pl */
    T("CIңIздAр"), T("VңIздAр"),  /* 2pl polite */
    T("cGIсI"), T("cGIң"), T("cGIңIз"), T("cGIңAр"), T("cGIңIздAр"), T("cGIм"), T("cGIбIз"),
    T("cGI"), T("sкI"),           /* relational adjective -гы/-кы: негизги,
                             * тышкы, азыркы, жайкы (ranked as the
                             * possessive: same slot, longer match) */
};

/* A final consonant + high vowel is read as the 3rd person possessive once
 * more after everything else: the plural and the verbal layer can uncover
 * one (айдоочулар -> айдоочу), and a word must stem the same with and
 * without its suffixes (айдоочу, айдоочуга, айдоочулар -> айдооч). */
static const tpl_src k_final_possessive[] = { T("CI"), T("VсI"), T("Vң") };

static const tpl_src k_plural[] = { T("LAр") };

/* Derivation stripped for search: place/nation -лык, "having" -луу. */
static const tpl_src k_derivation[] = { T("RIк"), T("RUU") };

/* ---- verbal tables ------------------------------------------------------ */

/* Tense, mood and person (and the participles and converbs that end a
 * verb form), possibly after the negation -ба/-па. */
static const tpl_src k_verb_tense[] = {
    /* past; not 1pl -дык, which is the -лык noun of every stem */
    T("DI"), T("DIм"), T("DIң"), T("DIңIз"), T("DIңAр"), T("DIңIздAр"),
    T("BA"),                           /* negative imperative (болбо,
                                        * иштебе) */
    T("CAAр"),                         /* future participle -оор (болоор) */
    T("CAм"), T("Vйм"),                   /* present 1sg (алам, ойлойм); the
                                        * 1sg possessive of бала/ата is
                                        * caught before (exception_behind_
                                        * vowel), -ам nouns are exceptions */
    T("CIлA"),                         /* passive + converb (бериле) */
    T("BAш"),                          /* negative verbal noun (чыкпаш) */
    T("сAк"),                          /* conditional 1pl (алсак) */
    T("Vйт"),                          /* present 3rd after a vowel */
    T("CAбIз"), T("VйбIз"),               /* present 1pl */
    T("BAйт"), T("BAй"), T("BAс"),           /* negative present, converb */
    T("CIп"),                          /* converb (-п after a vowel below) */
    T("сA"), T("сAм"), T("сAң"), T("сAңIз"), T("сAңAр"), /* conditional */
    T("GIлA"),                         /* imperative 2pl */
    T("CAлI"), T("Vйлы"),                 /* optative 1pl */
    T("CAйIн"), T("VйIн"),                /* optative 1sg */
    T("GIчA"),                         /* T("until") */
};

/* Verb forms that are nouns or adjectives too, and so may carry plural,
 * possessive and case: participle -ган, verbal noun -уу. */
static const tpl_src k_verb_noun[] = {
    T("GAн"),                          /* past participle */
    T("CUU"),                          /* verbal noun after a consonant */
    T("GAндIк"),                       /* factive (болгондуктан) */
    T("GAндAй"), T("GAнчA"),              /* "as", "until" (айткандай) */
};
/* Left out on purpose: imperative 3rd -сын (it is the possessive +
 * accusative of every с-final loan: кодексин, ресурсун, курсун), future
 * participle -ар (сапар, базар, кабар), intention -мак (бармак, салмак),
 * past 1pl -дык (the -лык noun of every stem), converb -а/-й (бала,
 * кытай). */

/* Present 3rd -ат/-ет/-от/-өт after a consonant: only on a stem shaped
 * like a verb stem (see verb_shaped): мамлекет, депутат, өкмөт, мөөнөт
 * are nouns. */
static const tpl_src k_verb_present3[] = { T("CAт") };

/* The participle -ган read as -га + н-case: болгону is болгон-у, not
 * болго-ну (see strip_verbal). */
static const tpl_src k_verb_participle_cut[] = { T("CGA") };

/* Optative 1sg -айын read as -ай + case -ын (see strip_verbal). */
static const tpl_src k_verb_optative_cut[] = { T("CAй") };

/* Converb -п after a vowel-final stem (ойлоп, иштеп, жашап): only on long
 * stems and never after a long vowel (жооп is not жоо+п); китеп, мектеп,
 * эсеп, тарап are exceptions. */
static const tpl_src k_verb_converb_v[] = { T("Vп") };

/* Negation directly before the tense suffix just stripped. */
static const tpl_src k_verb_negation[] = { T("BA") };

/* Passive/reflexive voice: only on long stems (кызыл is not кыз+ыл). */
static const tpl_src k_verb_voice[] = {
    T("CIл"), T("Vл"), T("CIн"),     /* passive, reflexive */
};

/* Reciprocal/cooperative -ыш- (алышты, болушат, иштешет), also the verbal
 * noun -ыш (өнүгүш); nouns that only look so (жумуш, согуш, чыгыш) are
 * exceptions. */
static const tpl_src k_verb_reciprocal[] = { T("CIш"), T("Vш") };

/* Present tense -а/-е, stripped only when a person ending came off
 * before it (бересиң, алабыз), never alone (бала, ата). */
static const tpl_src k_verb_present[] = { T("CA") };

/* ---- exceptions --------------------------------------------------------- *
 * Words (in their stem form) that only look suffixed: stripping stops as
 * soon as the current stem is one of them.  Sorted by bytes (strcmp) for
 * binary search; a unit test checks the order. */
static const char *const k_exceptions[] = {
    "абдан", "авто", "автобус", "ага", "агын", "адам", "адат", "азап", "айуу",
    "айып", "акы", "акын", "алты", "алтын", "аманат", "апа", "аппарат",
    "апта", "араба", "арба", "арга", "аспап", "ата", "атайын", "афганистан",
    "ачуу", "аштык", "баган", "байланыш", "байлык", "бала", "балалык",
    "бардык", "баткен", "батыш", "башка", "башкортостан", "бекем", "бекет",
    "бийлик", "бирге", "бирдик", "бирөө", "буу", "бюро", "бүгүн", "бүтүн",
    "вирус", "генерал", "гүлистан", "дагестан", "дастан", "депо", "депутат",
    "доктор", "доллар", "достук", "дунган", "евро", "жакшылык", "жакып",
    "жалган", "жалкоо", "жамандык", "жаратылыш", "жарыктык", "жарыш", "жемиш",
    "жети", "жумуртка", "жумуш", "журнал", "жыйын", "жылуу", "зекет", "ийин",
    "имам", "имарат", "индостан", "ирет", "ири", "кабат", "кабинет", "кадам",
    "казакстан", "казино", "калем", "калып", "калың", "канал", "канат",
    "капитал", "кары", "касса", "катуу", "кемин", "кесип", "кеңеш", "кеңсе",
    "кино", "китеп", "кичи", "комитет", "коргон", "коргошун", "короо",
    "кошун", "курам", "курган", "курдистан", "курсак", "курулуш", "кызуу",
    "кыйал", "кыйын", "кылмыш", "кыргызстан", "кыянат", "күзөт", "күйөө",
    "күнөө", "күрөш", "күрөө", "көзөмөл", "көлөм", "көчөт", "майдан", "майып",
    "масса", "материал", "медресе", "мектеп", "метро", "мойун",
    "муниципалитет", "мурун", "мүмкүн", "намыс", "нарын", "нерсе", "облус",
    "ооганстан", "оору", "орган", "орун", "отун", "пакистан", "пальто",
    "почта", "пьеса", "сабап", "сайын", "салам", "сапат", "сары", "себеп",
    "сигнал", "согуш", "статус", "сулуу", "суу", "сүрөт", "тааныш",
    "тажикстан", "тазалык", "талап", "тарап", "татарстан", "тбилиси", "тери",
    "теңдик", "толкун", "тургун", "туу", "тууган", "түйүн", "түндүк",
    "түркмөнстан", "түтүн", "түштүк", "төлөм", "төрөт", "узун", "уйат",
    "укмуш", "улам", "улуу", "университет", "ураган", "уруш", "финал", "фонд",
    "фото", "хиндистан", "чыгыш", "чындык", "шамал", "шарап", "шахта",
    "шылтоо", "эже", "эки", "элүү", "эне", "эрин", "эркиндик", "эртең",
    "эсеп", "эски", "үлүш", "өзбекстан", "өзгөн",
};

/* Compares code points w[0..n) with a UTF-8 table word (all 2-byte
 * letters); UTF-8 byte order is code point order, so the table's strcmp
 * order holds. */
static int cmp_word(const cp_t *w, size_t n, const char *b)
{
    const unsigned char *p = (const unsigned char *)b;
    size_t i = 0;

    for (; i < n && p[0]; i++, p += 2) {
        cp_t c = (cp_t)(((p[0] & 0x1F) << 6) | (p[1] & 0x3F));
        if (w[i] != c)
            return w[i] < c ? -1 : 1;
    }
    if (i < n)
        return 1;
    return p[0] ? -1 : 0;
}

/* Encodes w[0..n) as UTF-8 into buf (cap bytes); returns the length.
 * joined[i] marks a й that decode() split off я/ю/ё: it is written
 * together with the vowel after it again (or alone if the stem ends
 * there), so the stem is never longer than the word. */
static size_t encode(const cp_t *w, const bool *joined, size_t n, char *buf,
                     size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        cp_t c = w[i];
        if (joined[i] && i + 1 < n &&
            (w[i + 1] == A_ || w[i + 1] == U_ || w[i + 1] == O_)) {
            c = w[i + 1] == A_ ? YA_ : w[i + 1] == U_ ? YU_ : YO_;
            i++;
        }
        if (c < 0x80) {
            if (o + 1 > cap)
                break;
            buf[o++] = (char)c;
        } else {
            if (o + 2 > cap)
                break;
            buf[o++] = (char)(0xC0 | (c >> 6));
            buf[o++] = (char)(0x80 | (c & 0x3F));
        }
    }
    return o;
}

/* Stems that drop their second vowel before a vowel-initial suffix (орун
 * -> орду, мурун -> мурду, моюн -> мойну, айыл -> айлы): the collapsed
 * form stops stripping like an exception and is given back its vowel at
 * the end. */
static const struct {
    const char *collapsed, *full;
} k_vowel_drop[] = {
    { "айл", "айыл" }, { "ийн", "ийин" }, { "көңл", "көңүл" },
    { "мойн", "мойун" }, { "мурд", "мурун" }, { "орд", "орун" },
    { "эрд", "эрин" },
};

/* The index of w[0..n) in k_vowel_drop, or -1. */
static int vowel_drop_index(const cp_t *w, size_t n)
{
    if (n < 3 || n > 4 || (w[n - 1] != D_ && w[n - 1] != N_ && w[n - 1] != L_))
        return -1;
    for (size_t i = 0; i < COUNT(k_vowel_drop); i++)
        if (cmp_word(w, n, k_vowel_drop[i].collapsed) == 0)
            return (int)i;
    return -1;
}

/* The exceptions by a hash of their letters, built once: is_exception()
 * runs on every suffix that matches. */
enum { EXCEPTION_SLOTS = 1024 };
static uint16_t k_exception_slot[EXCEPTION_SLOTS]; /* 1 + index; 0: empty */
static pthread_once_t k_exceptions_once = PTHREAD_ONCE_INIT;

static uint32_t hash_letters(const cp_t *w, size_t n)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ w[i]) * 16777619u;
    return h;
}

static void index_exceptions(void)
{
    for (size_t i = 0; i < COUNT(k_exceptions); i++) {
        cp_t w[32];
        size_t n = 0;
        for (const unsigned char *p = (const unsigned char *)k_exceptions[i]; *p && n < 32; p += 2)
            w[n++] = (cp_t)(((p[0] & 0x1F) << 6) | (p[1] & 0x3F));
        uint32_t h = hash_letters(w, n) % EXCEPTION_SLOTS;
        while (k_exception_slot[h])
            h = (h + 1) % EXCEPTION_SLOTS;
        k_exception_slot[h] = (uint16_t)(i + 1);
    }
}

static bool is_exception(const cp_t *w, size_t n)
{
    if (vowel_drop_index(w, n) >= 0)
        return true;
    if (n < 3 || n > 13)   /* the table's word lengths */
        return false;
    pthread_once(&k_exceptions_once, index_exceptions);
    for (uint32_t h = hash_letters(w, n) % EXCEPTION_SLOTS; k_exception_slot[h];
         h = (h + 1) % EXCEPTION_SLOTS)
        if (cmp_word(w, n, k_exceptions[k_exception_slot[h] - 1]) == 0)
            return true;
    return false;
}

/* ---- the layers --------------------------------------------------------- */

/* The tables compiled once.  The stemmer runs on every word of the
 * archive, and most templates of a table cannot end the word at hand: each
 * table keeps, for every letter, the set of its templates whose last symbol
 * can be that letter, and whose symbol before it (or marker) can be the
 * letter before — a word is matched only against the templates in both.
 * Letters are the Kyrgyz alphabet, and one class for everything else (a
 * consonant to the templates, never a vowel or a letter of theirs). */
enum { LETTER_OTHER = 36, LETTERS = 37, TABLE_MAX = 64 };

static unsigned letter_index(cp_t c)
{
    if (c >= A_ && c <= YA_)
        return (unsigned)(c - A_);
    switch (c) {
    case YO_: return 32;
    case NG_: return 33;
    case OE_: return 34;
    case UE_: return 35;
    default: return LETTER_OTHER;
    }
}

typedef struct {
    const tpl_src *src;
    size_t count;
    tpl_t *t; /* its count templates in k_templates */
    uint64_t last[LETTERS], before_last[LETTERS];
} table_t;

#define KY_TABLES(X)                                                          \
    X(k_question) X(k_predicative) X(k_case) X(k_relative) X(k_possessive)   \
    X(k_final_possessive) X(k_plural) X(k_derivation) X(k_verb_tense)        \
    X(k_verb_noun) X(k_verb_present3) X(k_verb_participle_cut)               \
    X(k_verb_optative_cut) X(k_verb_converb_v) X(k_verb_negation)            \
    X(k_verb_voice) X(k_verb_reciprocal) X(k_verb_present)
#define KY_TABLE_ENTRY(tab) {tab, COUNT(tab), NULL, {0}, {0}},
#define KY_TABLE_COUNT(tab) +COUNT(tab)
static table_t k_tables[] = { KY_TABLES(KY_TABLE_ENTRY) };
/* The compiled templates of every table, in one array of the size they
 * need: each process that stems writes them once, and each page written
 * costs it a page fault (room for TABLE_MAX in every table took 57 KB). */
static tpl_t k_templates[0 KY_TABLES(KY_TABLE_COUNT)];
static pthread_once_t k_tables_once = PTHREAD_ONCE_INIT;

#define ALL_LETTERS ((UINT64_C(1) << LETTERS) - 1)

/* The letters a template's symbol may be, as bits of their indexes, worked
 * out once per symbol: the tables are compiled by every process that stems
 * (izde.cgi per request), and trying each symbol of each template against
 * each letter was half that time. */
typedef struct sym_memo {
    cp_t sym[64];
    uint64_t letters[64];
    size_t n;
} sym_memo;

static uint64_t letters_of(cp_t sym, const cp_t *rep, sym_memo *memo)
{
    for (size_t i = 0; i < memo->n; i++)
        if (memo->sym[i] == sym)
            return memo->letters[i];
    uint64_t bits = 0;
    for (unsigned l = 0; l < LETTERS; l++)
        if (sym_may_be(sym, rep[l]))
            bits |= UINT64_C(1) << l;
    if (memo->n < COUNT(memo->sym)) {
        memo->sym[memo->n] = sym;
        memo->letters[memo->n++] = bits;
    }
    return bits;
}

static void compile_tables(void)
{
    sym_memo memo = {.n = 0};
    cp_t rep[LETTERS];
    for (unsigned i = 0; i < 32; i++)
        rep[i] = (cp_t)(A_ + i);
    rep[32] = YO_, rep[33] = NG_, rep[34] = OE_, rep[35] = UE_;
    rep[LETTER_OTHER] = 'x';
    tpl_t *next = k_templates;
    for (size_t k = 0; k < COUNT(k_tables); k++) {
        table_t *tb = &k_tables[k];
        tb->t = next;
        next += tb->count;
        if (tb->count > TABLE_MAX) {
            fprintf(stderr, "ky_stem: a table of %zu templates (at most %d)\n", tb->count,
                    TABLE_MAX);
            abort();
        }
        for (size_t i = 0; i < tb->count; i++) {
            tpl_t *t = &tb->t[i];
            parse_template(tb->src[i].s, t);
            /* the symbol before the last: one of the template's, its
             * marker, or none (then any letter) */
            cp_t before = t->n >= 2 ? t->sym[t->n - 2] : (cp_t)t->marker;
            uint64_t bit = UINT64_C(1) << i;
            for (uint64_t m = t->n ? letters_of(t->sym[t->n - 1], rep, &memo) : 0; m; m &= m - 1)
                tb->last[__builtin_ctzll(m)] |= bit;
            for (uint64_t m = before ? letters_of(before, rep, &memo) : ALL_LETTERS; m; m &= m - 1)
                tb->before_last[__builtin_ctzll(m)] |= bit;
        }
    }
}

static const table_t *table_of(const tpl_src *tab)
{
    pthread_once(&k_tables_once, compile_tables);
    for (size_t k = 0; k < COUNT(k_tables); k++)
        if (k_tables[k].src == tab)
            return &k_tables[k];
    fprintf(stderr, "ky_stem: a table missing from KY_TABLES\n");
    abort();
}

/* The templates of `tab` that may end w[0..n), as bits in table order. */
static uint64_t candidates(const table_t *tb, const cp_t *w, size_t n)
{
    uint64_t c = tb->last[letter_index(w[n - 1])];
    return n >= 2 ? c & tb->before_last[letter_index(w[n - 2])] : c;
}

/* Tries every template of a table and keeps the longest suffix that
 * matches; returns the new length (n if nothing matched).  A shorter
 * suffix that leaves an exception word wins, and stops all stripping
 * (орунда is орун+да, not ор+унда). */
static size_t strip_longest(const cp_t *w, size_t n, const tpl_src *tab,
                            size_t floor, bool *stop)
{
    const table_t *tb = table_of(tab);
    size_t best = n;
    for (uint64_t c = candidates(tb, w, n); c; c &= c - 1) {
        size_t s = match_template(w, n, &tb->t[__builtin_ctzll(c)], floor);
        if (s && is_exception(w, s)) {
            *stop = true;
            return s;
        }
        if (s && s < best)
            best = s;
    }
    return best;
}

/* Does some template of the table leave exactly `stem` letters? */
static bool leaves(const cp_t *w, size_t n, const tpl_src *tab, size_t stem)
{
    const table_t *tb = table_of(tab);
    for (uint64_t c = candidates(tb, w, n); c; c &= c - 1)
        if (match_template(w, n, &tb->t[__builtin_ctzll(c)], 0) == stem)
            return true;
    return false;
}

/* Restores the voiceless final consonant (салыг -> салык, китеб -> китеп)
 * and drops a final soft sign (сентябрь -> сентябр). */
static size_t normalise_end(cp_t *w, size_t n)
{
    if (n > 1 && (w[n - 1] == SOFT_ || w[n - 1] == HARD_))
        n--;
    if (n > 1 && w[n - 1] == G_)
        w[n - 1] = K_;
    else if (n > 1 && w[n - 1] == B_)
        w[n - 1] = P_;
    return n;
}

/* One strip step: applies a table unless the current stem is protected. */
static size_t step(cp_t *w, size_t n, const tpl_src *tab, size_t floor, bool *stop)
{
    if (*stop)
        return n;
    return strip_longest(w, n, tab, floor, stop);
}

/* -лык after the agent -чы (мүмкүнчүлүк, жоопкерчилик) or after the
 * adjectives in -луу and -сыз (кылмыштуулук, коопсуздук, жумушсуздук) is
 * an abstract noun of its own, kept: does the stem w[0..n) that -лык
 * would leave end so? */
static bool abstract_base(const cp_t *w, size_t n)
{
    if (n < 3)
        return false;
    if (w[n - 1] == Z_)
        return w[n - 3] == S_ && is_high(w[n - 2]);
    return is_high(w[n - 1]) && (w[n - 2] == CH_ || w[n - 2] == w[n - 1]);
}

/* органы is орган + ы, not орга + ны: an exception stem behind a final
 * 3rd person possessive (the high vowel in harmony with it) wins over any
 * longer strip of the case layer; курама is not курам + а. */
static size_t exception_behind_vowel(const cp_t *w, size_t n, bool *stop)
{
    if (!*stop && n >= 4 && !is_vowel(w[n - 2]) &&
        w[n - 1] == high_after(last_vowel(w, n - 1)) &&
        is_exception(w, n - 1)) {
        *stop = true;
        return n - 1;
    }
    /* балам, атаң, and with the short dative балама, атаңа: the 1sg/2sg
     * possessive after an exception that ends in a low vowel (not бал-ам,
     * present 1sg).  Elsewhere -ма/-ме is the deverbal noun (мекеме,
     * тиркеме, баяндама), and after a high vowel a final м is the
     * deverbal -ым (жетим is not жети + м; билим, кийим). */
    size_t p = n;
    if (n >= 5 && is_low(w[n - 1]) && w[n - 1] == low_after(w[n - 3]))
        p = n - 1;
    if (!*stop && p >= 4 && (w[p - 1] == M_ || w[p - 1] == NG_) &&
        is_low(w[p - 2]) && !is_vowel(w[p - 3]) && is_exception(w, p - 1)) {
        *stop = true;
        return p - 1;
    }
    /* баламын: the predicative 1sg -мын after such an exception (after
     * other vowels -мын is read as м-stem + -ын, see k_predicative). */
    if (!*stop && n >= 6 && w[n - 1] == N_ && w[n - 3] == M_ &&
        is_low(w[n - 4]) && w[n - 2] == high_after(w[n - 4]) &&
        is_exception(w, n - 3)) {
        *stop = true;
        return n - 3;
    }
    return n;
}

/* The bare 1sg possessive -ым/-им/-ум/-үм (see k_possessive) only where
 * the stem shows the boundary: a voiced final б/г, which only a suffix
 * vowel brings out (мектебим, укугум), a collapsed stem (ордум), or an
 * exception (адамым, жумушум). */
static size_t strip_1sg(const cp_t *w, size_t n, bool *stop)
{
    if (*stop || n < 5 || w[n - 1] != M_)
        return n;
    size_t s = n - 2;
    cp_t lv = last_vowel(w, s);
    if (lv == 0 || is_vowel(w[s - 1]) || w[s] != high_after(lv))
        return n;
    if (is_exception(w, s)) {
        *stop = true;
        return s;
    }
    return w[s - 1] == B_ || w[s - 1] == G_ ? s : n;
}

static size_t strip_nominal(cp_t *w, size_t n, bool *person, bool *stop)
{
    size_t n0 = n;
    {
        size_t q = step(w, n, k_question, 2, stop);
        if (q != n && w[q] == D_)
            q += 2;     /* the д + vowel belonged to the word */
        n = q;
    }
    size_t m = step(w, n, k_predicative, 3, stop);
    /* The 2nd person -сың/-сыңар vouches for a verb, and so does 1pl
     * -быз after a low vowel (алабыз): the 1pl possessive of a noun in
     * -а is rarer, and бала/ата/апа themselves are exceptions. */
    *person = m != n && w[m] == S_;
    if (m != n && (w[m] == B_ || w[m] == P_) && m >= 3 && is_low(w[m - 1]))
        *person = true;
    n = m;
    for (int round = 0; round < 3 && !*stop; round++) {
        size_t before = n;
        if (round == 0) {
            n = exception_behind_vowel(w, n, stop);
            size_t c = step(w, n, k_case, 0, stop);
            /* районун, болгону: a short о rarely ends a word (кино,
             * радио are few), -он/-ган end many: read the н as the
             * stem's when a case or possessive also fits after it. */
            if (!*stop && c != n && c >= 3 && w[c] == N_ &&
                w[c - 1] == O_ && !is_vowel(w[c - 2]) &&
                (leaves(w, n, k_case, c + 1) ||
                 leaves(w, n, k_possessive, c + 1)))
                c++;
            n = c;
        }
        else
            n = step(w, n, k_relative, 0, stop);
        if (round > 0 && n == before)
            break;
        size_t p = step(w, n, k_possessive, 0, stop);
        n = p != n ? p : strip_1sg(w, n, stop);
        n = step(w, n, k_plural, 0, stop);
    }
    bool inflected = n != n0;
    n = normalise_end(w, n);
    if (!*stop && !is_exception(w, n)) {
        /* -лык and -луу only on a bare word: the attributive
         * кыргызстандык (адам) belongs to its root, but once it takes
         * plural or case it is a noun of its own (кыргызстандыктар,
         * агенттиктин, оорулуулар). */
        size_t d = step(w, n, k_derivation, 3, stop);
        if (!inflected && (w[n - 1] != K_ || !abstract_base(w, d)))
            n = d;
    }
    return n;
}

/* Verbal noun of a vowel-final stem: the final vowel became a long rounded
 * one (жаша -> жашоо, иште -> иштөө, сүйлө -> сүйлөө); undo it. */
static size_t undo_long_vowel_noun(cp_t *w, size_t n)
{
    if (n < 5 || w[n - 1] != w[n - 2] || (w[n - 1] != O_ && w[n - 1] != OE_))
        return n;
    if (is_vowel(w[n - 3]))
        return n;
    cp_t lv = last_vowel(w, n - 2);
    if (lv == 0)
        return n;
    /* The stem's final vowel is the low vowel after its last vowel (у
     * takes а: суроо -> сура, like сурап). */
    cp_t v = low_after(lv);
    if ((w[n - 1] == O_) != (v == A_ || v == O_))
        return n;
    w[n - 2] = v;
    return n - 1;
}

/* Habitual participle -чу/-чү (алчу, берчү, билчү) is two-way, the agent
 * noun -чы/-чи/-чу/-чү four-way: after an unrounded stem vowel they
 * differ (алчу vs башчы, берчү vs бийчи), so strip only there. */
static size_t strip_habitual(const cp_t *w, size_t n, size_t floor)
{
    if (n < floor + 2 || w[n - 2] != CH_ || is_vowel(w[n - 3]))
        return n;
    if (n - 2 == 2 && !is_vowel(w[0]))
        return n;
    cp_t lv = last_vowel(w, n - 2);
    if (lv == 0 || w[n - 1] != two_way_after(lv) || w[n - 1] == high_after(lv))
        return n;
    return n - 2;
}

/* Does w[0..n) look like a verb stem?  Roots are mostly one syllable (бар,
 * кел, айт, жаз); a longer stem must end in a voice or verb-forming
 * suffix: passive/reflexive -ыл/-л/-ын/-лан (берил, жасал, көрүн,
 * пайдалан), causative -ар/-ыр/-дыр/-гыз/-т after -ла (кайтар, түшүр,
 * жүргүз, жогорулат), reciprocal -ыш/-ш.  Nouns borrowed or built
 * otherwise end differently (мамлек-, депут-, өкм-, мөөн-, кабин-). */
static bool verb_shaped(const cp_t *w, size_t n)
{
    size_t groups = 0;
    bool long_vowel = false;
    for (size_t i = 0; i < n; i++) {
        if (is_vowel(w[i]) && (i == 0 || !is_vowel(w[i - 1])))
            groups++;
        if (i > 0 && is_vowel(w[i]) && w[i] == w[i - 1])
            long_vowel = true;
    }
    if (n < 2)
        return false;
    cp_t c = w[n - 1], v = w[n - 2];
    /* One syllable: a root, if it ends in a vowel (жаа, жуу), a single
     * consonant after a short vowel (бар, кел) or й/р/л/н/с + т/к (айт,
     * тарт, кыст); not өкм-, мөөн-, принц-. */
    if (groups <= 1)
        return is_vowel(c) ||
               (!long_vowel &&
                (is_vowel(v) ||
                 ((v == J_ || v == R_ || v == L_ || v == N_ || v == S_) &&
                  (c == T_ || c == K_))));
    /* Longer and vowel-final: a consonant + vowel (ойло, иште, оку). */
    if (is_vowel(c))
        return !is_vowel(v);
    if (n < 4)
        return false;
    cp_t p = w[n - 3];
    switch (c) {
    case L_: case SH_:
        return is_vowel(v) && (!is_vowel(p) || !is_high(v));
    case N_:        /* -ын, -лан, -ан (кубан, үйрөн) */
        return is_vowel(v) && !is_vowel(p);
    case J_:        /* -ай/-ей/-ой (азай, көбөй, кеңей) */
        return is_low(v) && !is_vowel(p);
    case R_:
        return is_vowel(v) && !is_vowel(p);
    case Z_:
        return is_high(v) && (p == G_ || p == K_);
    case T_:        /* -т after a vowel (иштет, ачыт), -йт, -рт, -лт, -нт */
        return (is_vowel(v) && !is_vowel(p)) || v == J_ || v == R_ ||
               v == L_ || v == N_;
    case G_: case K_:   /* verbs in -ык/-ик/-ук/-үк (жолук, өнүк) */
        return is_high(v) && !is_vowel(p);
    default:
        return false;
    }
}

/* The verbal layer.  `person` says a predicative person ending came off
 * (then a final -а/-е is the present tense); word_n is the word's length,
 * whose letters past n are what the nominal layers took.  Every strip
 * must leave a verb-shaped stem.  Voice comes off only after a verbal
 * suffix did (кызыл is not кыз+ыл), the reciprocal -ыш also before a
 * lone -ды/-ты, which the case layer took as the accusative but is as
 * often the past 3rd (алышты, келишти). */
static size_t strip_verbal(cp_t *w, size_t n, size_t word_n, bool person,
                           bool *stop)
{
    if (*stop)
        return n;
    size_t m = undo_long_vowel_noun(w, n);
    if (m == n) {
        m = step(w, n, k_verb_noun, 0, stop);
        /* A case or possessive in н- took the participle's н along
         * (болго-ну, кетке-нин): the letters are still in w past n. */
        if (m == n && n < word_n && w[n] == N_)
            m = step(w, n, k_verb_participle_cut, 0, stop);
        /* Optative 1sg -айын, whose -ын the case layer took as the
         * possessive + accusative (алай-ын). */
        if (m == n && n + 2 == word_n && is_high(w[n]) && w[n + 1] == N_)
            m = step(w, n, k_verb_optative_cut, 0, stop);
        if (m == n)
            m = step(w, n, k_verb_tense, 0, stop);
        if (m == n)
            m = step(w, n, k_verb_present3, 0, stop);
        if (m == n && person)
            m = step(w, n, k_verb_present, 0, stop);
        if (m == n && !*stop)
            m = strip_habitual(w, n, 2);
        /* The converb -п has no negation (that is -бай): заманбап is not
         * заман-ба-п. */
        bool converb = false;
        if (m == n && n >= 3 && w[n - 2] != w[n - 3]) {
            m = step(w, n, k_verb_converb_v, 4,
                     stop);
            converb = m != n;
        }
        if (m != n && !converb)
            m = step(w, m, k_verb_negation, 2, stop);
        if (m != n && !verb_shaped(w, m))
            m = n;
    }
    bool past3 = n + 2 == word_n && (w[n] == D_ || w[n] == T_) &&
                 is_high(w[n + 1]);
    if ((m != n || past3) && !*stop) {
        size_t r = step(w, m, k_verb_reciprocal, 2,
                        stop);
        if (r != m && verb_shaped(w, r))
            m = r;
    }
    if (m != n)
        m = step(w, m, k_verb_voice, 4, stop);
    return m;
}

/* ---- entry point -------------------------------------------------------- */

/* Decodes UTF-8; false if the word has anything but Cyrillic letters and
 * hyphens. */
static bool decode(const char *word, size_t len, cp_t *w, bool *joined,
                   size_t *n)
{
    const unsigned char *p = (const unsigned char *)word;
    size_t k = 0;

    for (size_t i = 0; i < len;) {
        if (p[i] == '-') {
            joined[k] = false;
            w[k++] = '-';
            i++;
            continue;
        }
        if ((p[i] & 0xE0) != 0xC0 || i + 1 >= len || (p[i + 1] & 0xC0) != 0x80)
            return false;
        cp_t c = (cp_t)(((p[i] & 0x1F) << 6) | (p[i + 1] & 0x3F));
        if (!is_cyr(c))
            return false;
        i += 2;
        /* я/ю/ё after a vowel write й + а/у/о: spelt out, the suffix
         * boundary is visible (бою = бой-у, коюу = кой-уу, коюлду =
         * кой-ул-ду); encode() joins them again. */
        if ((c == YA_ || c == YU_ || c == YO_) && k > 0 && is_vowel(w[k - 1])) {
            joined[k] = true;
            w[k++] = J_;
            c = c == YA_ ? A_ : c == YU_ ? U_ : O_;
        }
        joined[k] = false;
        w[k++] = c;
    }
    *n = k;
    return true;
}

/* Copies the stem, cut at a character boundary if `cap` is too small. */
static size_t copy_out(const char *src, size_t len, char *out, size_t cap)
{
    size_t n = len < cap ? len : cap;
    while (n < len && n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
        n--;
    if (n)
        memmove(out, src, n);
    if (n < cap)
        out[n] = '\0';
    return n;
}

/* бала "child" has the irregular plural балдар- (besides балалар): every
 * word that starts so stems to бала. */
static bool irregular_plural(cp_t *w, size_t *n)
{
    static const cp_t baldar[] = { B_, A_, L_, D_, A_, R_ };
    if (*n >= 6 && memcmp(w, baldar, sizeof baldar) == 0) {
        w[3] = A_;
        *n = 4;
        return true;
    }
    return false;
}

/* Gives a collapsed stem (орд) its dropped vowel back (орун); only when
 * the word was longer, so the stem never outgrows it. */
static size_t restore_vowel_drop(cp_t *w, bool *joined, size_t n,
                                 size_t word_n)
{
    int i = vowel_drop_index(w, n);
    if (i < 0)
        return n;
    const unsigned char *p = (const unsigned char *)k_vowel_drop[i].full;
    size_t k = 0;
    cp_t full[8];
    for (; p[0] && k < COUNT(full); p += 2)
        full[k++] = (cp_t)(((p[0] & 0x1F) << 6) | (p[1] & 0x3F));
    if (k > word_n)
        return n;
    memcpy(w, full, k * sizeof *w);
    for (size_t j = 0; j < k; j++)   /* мойун is written моюн */
        joined[j] = w[j] == J_ && j > 0 && is_vowel(w[j - 1]) && j + 1 < k &&
                    (w[j + 1] == A_ || w[j + 1] == U_ || w[j + 1] == O_);
    return k;
}

size_t ky_stem(const char *word, size_t len, char *out, size_t cap)
{
    /* Room for я/ю/ё spelt out as two letters each. */
    cp_t buf[2 * KY_STEM_MAX_WORD];
    bool joined[2 * KY_STEM_MAX_WORD];
    size_t n;

    if (!word || !out)
        return 0;
    if (len > KY_STEM_MAX_WORD || !decode(word, len, buf, joined, &n) ||
        n == 0)
        return copy_out(word, len, out, cap);

    /* Hyphenated compounds (иш-чаралар): only the last part inflects. */
    size_t start = n;
    while (start > 0 && buf[start - 1] != '-')
        start--;
    cp_t *w = buf + start;
    size_t wn = n - start;

    /* Letters of the written word (я/ю/ё count once): a restored stem
     * must not outgrow it. */
    size_t word_n = wn;
    for (size_t i = start; i < n; i++)
        word_n -= joined[i];
    size_t word_wn = wn;
    if (wn >= 2 && !irregular_plural(w, &wn)) {
        bool stop = is_exception(w, wn);
        if (!stop) {
            wn = normalise_end(w, wn);
            stop = is_exception(w, wn);
        }
        bool person = false;
        wn = strip_nominal(w, wn, &person, &stop);
        wn = normalise_end(w, wn);
        if (!stop && is_exception(w, wn))
            stop = true;
        wn = strip_verbal(w, wn, word_wn, person, &stop);
        wn = normalise_end(w, wn);
        wn = step(w, wn, k_final_possessive, 3,
                  &stop);
        wn = normalise_end(w, wn);
        wn = restore_vowel_drop(w, joined + start, wn, word_n);
    }

    char tmp[KY_STEM_MAX_WORD];
    size_t o = encode(buf, joined, start + wn, tmp, sizeof tmp);
    return copy_out(tmp, o, out, cap);
}
