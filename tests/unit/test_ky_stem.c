/* Check suite for the Kyrgyz stemmer (lib/ky_stem.c).
 *
 * The table is written from the rules of ../shared/eval/KYRGYZ-MORPHOLOGY.md
 * (plural x harmony x assimilation, each case, possessives, predicatives,
 * verbs, loans, soft sign, exceptions, short words), not copied from the
 * gold file.  Stems follow the stemmer's policy: inflection goes, agent
 * -чы stays (its final vowel goes with the 3rd-person rule, as every
 * consonant + high vowel ending does), privative -сыз stays.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "izde/ky_stem.h"

typedef struct {
    const char *word;
    const char *stem;
} stem_case;

static const stem_case k_cases[] = {
    { "мугалиммин", "мугалим" }, /* predicative 1sg */
    { "мугалимсиң", "мугалим" }, /* predicative 2sg */
    { "мугалимсиңер", "мугалим" }, /* predicative 2pl */
    { "студентпиз", "студент" }, /* predicative 1pl after voiceless */
    { "жазуучубуз", "жазууч" }, /* predicative 1pl after vowel (final vowel of -чы goes with the 3rd-person rule) */
    { "барбы", "бар" }, /* question particle */
    { "жокпу", "жок" }, /* question after voiceless */
    { "үйдөбү", "үй" }, /* question after locative */
    { "келдиби", "кел" }, /* question after past */
    { "бардым", "бар" }, /* past 1sg */
    { "бардың", "бар" }, /* past 2sg */
    { "бардыңыз", "бар" }, /* past 2sg polite */
    { "барды", "бар" }, /* past 3 */
    { "келди", "кел" }, /* past 3 front */
    { "айтты", "айт" }, /* past 3 voiceless */
    { "болду", "бол" }, /* past 3 rounded */
    { "бөлдү", "бөл" }, /* past 3 front rounded */
    { "бардыңар", "бар" }, /* past 2pl */
    { "барат", "бар" }, /* present 3 */
    { "келет", "кел" }, /* present 3 front */
    { "болот", "бол" }, /* present 3 rounded */
    { "бөлөт", "бөл" }, /* present 3 front rounded */
    { "ойлойт", "ойло" }, /* present 3 after vowel */
    { "иштейт", "иште" }, /* present 3 after vowel front */
    { "келбейт", "кел" }, /* negative present */
    { "айтпайт", "айт" }, /* negative present voiceless */
    { "болбойт", "бол" }, /* negative present rounded */
    { "бересиң", "бер" }, /* present 2sg */
    { "болгон", "бол" }, /* past participle */
    { "келген", "кел" }, /* past participle front */
    { "айткан", "айт" }, /* past participle voiceless */
    { "өткөн", "өт" }, /* past participle front rounded */
    { "болгондун", "бол" }, /* participle + genitive */
    { "келгенде", "кел" }, /* participle + locative */
    { "болбогон", "бол" }, /* negative participle */
    { "берилген", "бер" }, /* passive participle */
    { "айтылган", "айт" }, /* passive participle voiceless */
    { "айтып", "айт" }, /* converb */
    { "келип", "кел" }, /* converb front */
    { "болуп", "бол" }, /* converb rounded */
    { "ойлоп", "ойло" }, /* converb after vowel */
    { "иштеп", "иште" }, /* converb after vowel front */
    { "келбей", "кел" }, /* negative converb */
    { "болсо", "бол" }, /* conditional */
    { "келсе", "кел" }, /* conditional front */
    { "айтса", "айт" }, /* conditional voiceless */
    { "алуу", "ал" }, /* verbal noun */
    { "берүү", "бер" }, /* verbal noun front */
    { "алууга", "ал" }, /* verbal noun + dative */
    { "берүүнүн", "бер" }, /* verbal noun + genitive */
    { "жашоо", "жаша" }, /* verbal noun of vowel stem */
    { "иштөө", "иште" }, /* verbal noun front vowel stem */
    { "сүйлөө", "сүйлө" }, /* verbal noun front rounded vowel stem */
    { "тазалоо", "тазала" }, /* verbal noun -лоо */
    { "жашоодо", "жаша" }, /* verbal noun + locative */
    { "алчу", "ал" }, /* habitual participle */
    { "берчү", "бер" }, /* habitual participle front */
    { "балыкчы", "балыкч" }, /* agent noun kept (final vowel of -чы goes with the 3rd-person rule) */
    { "жумушчу", "жумушч" }, /* agent noun kept (rounded) (final vowel of -чы goes with the 3rd-person rule) */
    { "теңдештирүүчү", "теңдештирүүч" }, /* agent noun -үүчү kept */
    { "теңдештирүүчүлөр", "теңдештирүүч" }, /* agent noun plural */
    { "теңдештирүүчүнүн", "теңдештирүүч" }, /* agent noun genitive */
    { "кыргызстандык", "кыргызстан" }, /* -дык stripped after exception stem */
    { "шаардык", "шаар" }, /* -дык after р */
    { "кытайлык", "кытай" }, /* -лык after й */
    { "бийлик", "бийлик" }, /* -лик kept on short stems */
    { "айлык", "айлык" }, /* -лык kept on short stems */
    { "жетекчилик", "жетекчилик" }, /* -чилик kept */
    { "ыктыярдуу", "ыктыяр" }, /* -дуу stripped */
    { "таасирдүү", "таасир" }, /* -дүү stripped */
    { "суусуз", "суусуз" }, /* privative kept */
    { "мыйзамсыз", "мыйзамсыз" }, /* privative kept */
    { "негизги", "негиз" }, /* relational -ги */
    { "тышкы", "тыш" }, /* relational -кы */
    { "жайкы", "жай" }, /* relational -кы after й */
    { "бюджеттин", "бюджет" }, /* loan genitive */
    { "бюджети", "бюджет" }, /* loan possessive */
    { "гранттарды", "грант" }, /* loan plural accusative */
    { "концепциясын", "концепция" }, /* loan possessive accusative */
    { "концепциясы", "концепция" }, /* loan possessive */
    { "компаниянын", "компания" }, /* loan genitive after я */
    { "инвестициялар", "инвестиция" }, /* loan plural after я */
    { "министрлер", "министр" }, /* loan plural front */
    { "заводдун", "завод" }, /* loan genitive after д */
    { "кодексин", "кодекс" }, /* loan possessive + accusative after с */
    { "процессин", "процесс" }, /* loan possessive + accusative after сс */
    { "автобусун", "автобус" }, /* possessive + accusative, not imperative -сун */
    { "кинону", "кино" }, /* loan accusative after о */
    { "кодекси", "кодекс" }, /* loan possessive front */
    { "сектор", "сектор" }, /* not сек+тор (harmony) */
    { "автор", "автор" }, /* not ав+тор (harmony) */
    { "мотор", "мотор" }, /* not мо+тор (vowel takes -лор) */
    { "директор", "директор" }, /* not директ+ор */
    { "бюджет", "бюджет" }, /* not бюдж+ет (harmony) */
    { "факультет", "факультет" }, /* not факульт+ет (harmony) */
    { "орган", "орган" }, /* not ор+ган (harmony) */
    { "органдарынын", "орган" }, /* loan plural possessive genitive */
    { "сентябрь", "сентябр" }, /* soft sign dropped */
    { "сентябрда", "сентябр" }, /* soft sign stem + locative */
    { "сентябрга", "сентябр" }, /* soft sign stem + dative */
    { "февраль", "феврал" }, /* soft sign dropped */
    { "февралдан", "феврал" }, /* ablative */
    { "июль", "июл" }, /* soft sign dropped */
    { "июлда", "июл" }, /* locative */
    { "рубль", "рубл" }, /* soft sign dropped */
    { "салыгы", "салык" }, /* г restored to к */
    { "салыгын", "салык" }, /* г restored, poss + acc */
    { "салык", "салык" }, /* bare */
    { "бөлүгү", "бөлүк" }, /* г restored front */
    { "бөлүк", "бөлүк" }, /* bare */
    { "багы", "бак" }, /* г restored, short stem */
    { "кыргызстан", "кыргызстан" }, /* exception (-тан) */
    { "кыргызстанда", "кыргызстан" }, /* exception + locative */
    { "кыргызстандагы", "кыргызстан" }, /* exception + relative */
    { "казакстандан", "казакстан" }, /* exception + ablative */
    { "пакистан", "пакистан" }, /* exception */
    { "доллар", "доллар" }, /* exception (-лар) */
    { "долларды", "доллар" }, /* exception + accusative */
    { "майдан", "майдан" }, /* exception (-дан) */
    { "тууган", "тууган" }, /* exception (-ган) */
    { "туугандар", "тууган" }, /* exception + plural */
    { "коргон", "коргон" }, /* exception */
    { "курган", "курган" }, /* exception */
    { "алтын", "алтын" }, /* exception (-ын) */
    { "кыйын", "кыйын" }, /* exception */
    { "нарын", "нарын" }, /* exception */
    { "нарында", "нарын" }, /* exception + locative */
    { "баткен", "баткен" }, /* exception (-кен) */
    { "доктор", "доктор" }, /* exception (-тор) */
    { "сайын", "сайын" }, /* exception */
    { "кемин", "кемин" }, /* exception */
    { "орун", "орун" }, /* exception */
    { "орунда", "орун" }, /* through exception (not ор+унда) */
    { "ата", "ата" }, /* no -та after a vowel */
    { "бута", "бута" }, /* no -та after a vowel */
    { "алма", "алма" }, /* no bare -ма */
    { "бала", "бала" }, /* no bare -ла */
    { "ал", "ал" }, /* short word */
    { "эл", "эл" }, /* short word */
    { "иш", "иш" }, /* short word */
    { "ай", "ай" }, /* short word */
    { "үй", "үй" }, /* short word */
    { "суу", "суу" }, /* double vowel not split */
    { "тоо", "тоо" }, /* double vowel not split */
    { "баа", "баа" }, /* double vowel not split */
    { "төө", "төө" }, /* double vowel not split */
    { "жоо", "жоо" }, /* double vowel not split */
    { "туу", "туу" }, /* double vowel */
    { "кол", "кол" }, /* short root */
    { "көл", "көл" }, /* short root */
    { "жол", "жол" }, /* short root */
    { "сөз", "сөз" }, /* short root */
    { "иштер", "иш" }, /* 2-letter root, checked plural */
    { "элдер", "эл" }, /* 2-letter root, checked plural */
    { "айлар", "ай" }, /* 2-letter root, plural after й */
    { "үйлөр", "үй" }, /* 2-letter root, plural front rounded */
    { "ишке", "иш" }, /* 2-letter root, dative voiceless */
    { "элге", "эл" }, /* 2-letter root, dative */
    { "иши", "иш" }, /* 2-letter root, poss3 */
    { "аты", "ат" }, /* 2-letter root, poss3 */
    { "күнү", "күн" }, /* not кү+нү (CV root) */
    { "тоону", "тоо" }, /* accusative after double vowel */
    { "суунун", "суу" }, /* genitive after double vowel */
    { "суусу", "суу" }, /* poss3 after double vowel */
    { "тоолор", "тоо" }, /* plural after double vowel */
    { "балдар", "бала" }, /* irregular plural */
    { "балдарга", "бала" }, /* irregular plural + dative */
    { "иш-чаралар", "иш-чара" }, /* hyphenated compound, last part */
    { "ысык-көлдө", "ысык-көл" }, /* hyphenated place name */
    { "эртең", "эртең" }, /* exception (not эрте+ң) */
    { "адамга", "адам" }, /* dat */
    { "адамда", "адам" }, /* loc */
    { "адамдагы", "адам" }, /* rel */
    { "адамдан", "адам" }, /* abl */
    { "адамдар", "адам" }, /* plural */
    { "адамдарга", "адам" }, /* plural+dat */
    { "адамдарда", "адам" }, /* plural+loc */
    { "адамдардын", "адам" }, /* plural+gen */
    { "адамдары", "адам" }, /* plural+poss3 */
    { "адамды", "адам" }, /* acc */
    { "адамдын", "адам" }, /* gen */
    { "айларга", "ай" }, /* plural+dat */
    { "айларда", "ай" }, /* plural+loc */
    { "айлардын", "ай" }, /* plural+gen */
    { "айлары", "ай" }, /* plural+poss3 */
    { "балабыз", "бала" }, /* poss1pl */
    { "балага", "бала" }, /* dat */
    { "балада", "бала" }, /* loc */
    { "баладагы", "бала" }, /* rel */
    { "баладан", "бала" }, /* abl */
    { "балалар", "бала" }, /* plural */
    { "балаларга", "бала" }, /* plural+dat */
    { "балаларда", "бала" }, /* plural+loc */
    { "балалардын", "бала" }, /* plural+gen */
    { "балалары", "бала" }, /* plural+poss3 */
    { "баланы", "бала" }, /* acc */
    { "баланын", "бала" }, /* gen */
    { "баласы", "бала" }, /* poss3 */
    { "баласын", "бала" }, /* poss3+acc */
    { "баласына", "бала" }, /* poss3+dat */
    { "баласынан", "бала" }, /* poss3+abl */
    { "баласында", "бала" }, /* poss3+loc */
    { "баласындагы", "бала" }, /* poss3+rel */
    { "баласынын", "бала" }, /* poss3+gen */
    { "балаңар", "бала" }, /* poss2pl-fam */
    { "балаңыз", "бала" }, /* poss2pl */
    { "бюджетке", "бюджет" }, /* dat */
    { "бюджетте", "бюджет" }, /* loc */
    { "бюджеттеги", "бюджет" }, /* rel */
    { "бюджеттен", "бюджет" }, /* abl */
    { "бюджеттер", "бюджет" }, /* plural */
    { "бюджеттерге", "бюджет" }, /* plural+dat */
    { "бюджеттерде", "бюджет" }, /* plural+loc */
    { "бюджеттердин", "бюджет" }, /* plural+gen */
    { "бюджеттери", "бюджет" }, /* plural+poss3 */
    { "бюджетти", "бюджет" }, /* acc */
    { "бөлүмгө", "бөлүм" }, /* dat */
    { "бөлүмдү", "бөлүм" }, /* acc */
    { "бөлүмдүн", "бөлүм" }, /* gen */
    { "бөлүмдө", "бөлүм" }, /* loc */
    { "бөлүмдөгү", "бөлүм" }, /* rel */
    { "бөлүмдөн", "бөлүм" }, /* abl */
    { "гезити", "гезит" }, /* poss3 */
    { "гезитин", "гезит" }, /* poss3+acc */
    { "гезитинде", "гезит" }, /* poss3+loc */
    { "гезитиндеги", "гезит" }, /* poss3+rel */
    { "гезитине", "гезит" }, /* poss3+dat */
    { "гезитинен", "гезит" }, /* poss3+abl */
    { "гезитинин", "гезит" }, /* poss3+gen */
    { "гезитке", "гезит" }, /* dat */
    { "гезитте", "гезит" }, /* loc */
    { "гезиттеги", "гезит" }, /* rel */
    { "гезиттен", "гезит" }, /* abl */
    { "гезиттер", "гезит" }, /* plural */
    { "гезиттерге", "гезит" }, /* plural+dat */
    { "гезиттерде", "гезит" }, /* plural+loc */
    { "гезиттердин", "гезит" }, /* plural+gen */
    { "гезиттери", "гезит" }, /* plural+poss3 */
    { "гезитти", "гезит" }, /* acc */
    { "гезиттин", "гезит" }, /* gen */
    { "грантка", "грант" }, /* dat */
    { "грантта", "грант" }, /* loc */
    { "гранттагы", "грант" }, /* rel */
    { "гранттан", "грант" }, /* abl */
    { "гранттар", "грант" }, /* plural */
    { "гранттарга", "грант" }, /* plural+dat */
    { "гранттарда", "грант" }, /* plural+loc */
    { "гранттардын", "грант" }, /* plural+gen */
    { "гранттары", "грант" }, /* plural+poss3 */
    { "грантты", "грант" }, /* acc */
    { "гранттын", "грант" }, /* gen */
    { "достор", "дос" }, /* plural */
    { "досторго", "дос" }, /* plural+dat */
    { "достордо", "дос" }, /* plural+loc */
    { "достордун", "дос" }, /* plural+gen */
    { "достору", "дос" }, /* plural+poss3 */
    { "жерге", "жер" }, /* dat */
    { "жерде", "жер" }, /* loc */
    { "жердеги", "жер" }, /* rel */
    { "жерден", "жер" }, /* abl */
    { "жерди", "жер" }, /* acc */
    { "жердин", "жер" }, /* gen */
    { "жерлер", "жер" }, /* plural */
    { "жерлерге", "жер" }, /* plural+dat */
    { "жерлерде", "жер" }, /* plural+loc */
    { "жерлердин", "жер" }, /* plural+gen */
    { "жерлери", "жер" }, /* plural+poss3 */
    { "жолго", "жол" }, /* dat */
    { "жолдо", "жол" }, /* loc */
    { "жолдогу", "жол" }, /* rel */
    { "жолдон", "жол" }, /* abl */
    { "жолдор", "жол" }, /* plural */
    { "жолдорго", "жол" }, /* plural+dat */
    { "жолдордо", "жол" }, /* plural+loc */
    { "жолдордун", "жол" }, /* plural+gen */
    { "жолдору", "жол" }, /* plural+poss3 */
    { "жолду", "жол" }, /* acc */
    { "жолдун", "жол" }, /* gen */
    { "жумуштар", "жумуш" }, /* plural */
    { "жумуштарга", "жумуш" }, /* plural+dat */
    { "жумуштарда", "жумуш" }, /* plural+loc */
    { "жумуштардын", "жумуш" }, /* plural+gen */
    { "жумуштары", "жумуш" }, /* plural+poss3 */
    { "журналга", "журнал" }, /* dat */
    { "журналда", "журнал" }, /* loc */
    { "журналдагы", "журнал" }, /* rel */
    { "журналдан", "журнал" }, /* abl */
    { "журналдар", "журнал" }, /* plural */
    { "журналдарга", "журнал" }, /* plural+dat */
    { "журналдарда", "журнал" }, /* plural+loc */
    { "журналдардын", "журнал" }, /* plural+gen */
    { "журналдары", "журнал" }, /* plural+poss3 */
    { "журналды", "журнал" }, /* acc */
    { "журналдын", "журнал" }, /* gen */
    { "жылга", "жыл" }, /* dat */
    { "жылда", "жыл" }, /* loc */
    { "жылдагы", "жыл" }, /* rel */
    { "жылдан", "жыл" }, /* abl */
    { "жылдар", "жыл" }, /* plural */
    { "жылдарга", "жыл" }, /* plural+dat */
    { "жылдарда", "жыл" }, /* plural+loc */
    { "жылдардын", "жыл" }, /* plural+gen */
    { "жылдары", "жыл" }, /* plural+poss3 */
    { "жылды", "жыл" }, /* acc */
    { "жылдын", "жыл" }, /* gen */
    { "заводго", "завод" }, /* dat */
    { "заводдо", "завод" }, /* loc */
    { "заводдогу", "завод" }, /* rel */
    { "заводдон", "завод" }, /* abl */
    { "заводдор", "завод" }, /* plural */
    { "заводдорго", "завод" }, /* plural+dat */
    { "заводдордо", "завод" }, /* plural+loc */
    { "заводдордун", "завод" }, /* plural+gen */
    { "заводдору", "завод" }, /* plural+poss3 */
    { "заводду", "завод" }, /* acc */
    { "ишин", "иш" }, /* poss3+acc */
    { "ишинде", "иш" }, /* poss3+loc */
    { "ишиндеги", "иш" }, /* poss3+rel */
    { "ишине", "иш" }, /* poss3+dat */
    { "ишинен", "иш" }, /* poss3+abl */
    { "ишинин", "иш" }, /* poss3+gen */
    { "иште", "иш" }, /* loc */
    { "иштеги", "иш" }, /* rel */
    { "иштен", "иш" }, /* abl */
    { "иштерге", "иш" }, /* plural+dat */
    { "иштерде", "иш" }, /* plural+loc */
    { "иштердин", "иш" }, /* plural+gen */
    { "иштери", "иш" }, /* plural+poss3 */
    { "ишти", "иш" }, /* acc */
    { "иштин", "иш" }, /* gen */
    { "киного", "кино" }, /* dat */
    { "кинодо", "кино" }, /* loc */
    { "кинодогу", "кино" }, /* rel */
    { "кинодон", "кино" }, /* abl */
    { "кинолор", "кино" }, /* plural */
    { "кинолорго", "кино" }, /* plural+dat */
    { "кинолордо", "кино" }, /* plural+loc */
    { "кинолордун", "кино" }, /* plural+gen */
    { "кинолору", "кино" }, /* plural+poss3 */
    { "кинонун", "кино" }, /* gen */
    { "колго", "кол" }, /* dat */
    { "колдо", "кол" }, /* loc */
    { "колдогу", "кол" }, /* rel */
    { "колдон", "кол" }, /* abl */
    { "колду", "кол" }, /* acc */
    { "колдун", "кол" }, /* gen */
    { "колу", "кол" }, /* poss3 */
    { "колун", "кол" }, /* poss3+acc */
    { "колуна", "кол" }, /* poss3+dat */
    { "колунан", "кол" }, /* poss3+abl */
    { "колунда", "кол" }, /* poss3+loc */
    { "колундагы", "кол" }, /* poss3+rel */
    { "колунун", "кол" }, /* poss3+gen */
    { "компанияга", "компания" }, /* dat */
    { "компанияда", "компания" }, /* loc */
    { "компаниядагы", "компания" }, /* rel */
    { "компаниядан", "компания" }, /* abl */
    { "компаниялар", "компания" }, /* plural */
    { "компанияларга", "компания" }, /* plural+dat */
    { "компанияларда", "компания" }, /* plural+loc */
    { "компаниялардын", "компания" }, /* plural+gen */
    { "компаниялары", "компания" }, /* plural+poss3 */
    { "компанияны", "компания" }, /* acc */
    { "кушка", "куш" }, /* dat */
    { "кушта", "куш" }, /* loc */
    { "куштагы", "куш" }, /* rel */
    { "куштан", "куш" }, /* abl */
    { "куштар", "куш" }, /* plural */
    { "куштарга", "куш" }, /* plural+dat */
    { "куштарда", "куш" }, /* plural+loc */
    { "куштардын", "куш" }, /* plural+gen */
    { "куштары", "куш" }, /* plural+poss3 */
    { "кушту", "куш" }, /* acc */
    { "куштун", "куш" }, /* gen */
    { "кызга", "кыз" }, /* dat */
    { "кызда", "кыз" }, /* loc */
    { "кыздагы", "кыз" }, /* rel */
    { "кыздан", "кыз" }, /* abl */
    { "кыздар", "кыз" }, /* plural */
    { "кыздарга", "кыз" }, /* plural+dat */
    { "кыздарда", "кыз" }, /* plural+loc */
    { "кыздардын", "кыз" }, /* plural+gen */
    { "кыздары", "кыз" }, /* plural+poss3 */
    { "кызды", "кыз" }, /* acc */
    { "кыздын", "кыз" }, /* gen */
    { "көлгө", "көл" }, /* dat */
    { "көлдү", "көл" }, /* acc */
    { "көлдүн", "көл" }, /* gen */
    { "көлдө", "көл" }, /* loc */
    { "көлдөгү", "көл" }, /* rel */
    { "көлдөн", "көл" }, /* abl */
    { "көлдөр", "көл" }, /* plural */
    { "көлдөргө", "көл" }, /* plural+dat */
    { "көлдөрдүн", "көл" }, /* plural+gen */
    { "көлдөрдө", "көл" }, /* plural+loc */
    { "көлдөрү", "көл" }, /* plural+poss3 */
    { "көчөгө", "көчө" }, /* dat */
    { "көчөдө", "көчө" }, /* loc */
    { "көчөдөгү", "көчө" }, /* rel */
    { "көчөдөн", "көчө" }, /* abl */
    { "көчөлөр", "көчө" }, /* plural */
    { "көчөлөргө", "көчө" }, /* plural+dat */
    { "көчөлөрдүн", "көчө" }, /* plural+gen */
    { "көчөлөрдө", "көчө" }, /* plural+loc */
    { "көчөлөрү", "көчө" }, /* plural+poss3 */
    { "көчөнү", "көчө" }, /* acc */
    { "көчөнүн", "көчө" }, /* gen */
    { "маселеге", "маселе" }, /* dat */
    { "маселеде", "маселе" }, /* loc */
    { "маселедеги", "маселе" }, /* rel */
    { "маселеден", "маселе" }, /* abl */
    { "маселелер", "маселе" }, /* plural */
    { "маселелерге", "маселе" }, /* plural+dat */
    { "маселелерде", "маселе" }, /* plural+loc */
    { "маселелердин", "маселе" }, /* plural+gen */
    { "маселелери", "маселе" }, /* plural+poss3 */
    { "маселени", "маселе" }, /* acc */
    { "маселенин", "маселе" }, /* gen */
    { "маселеси", "маселе" }, /* poss3 */
    { "маселесин", "маселе" }, /* poss3+acc */
    { "маселесинде", "маселе" }, /* poss3+loc */
    { "маселесиндеги", "маселе" }, /* poss3+rel */
    { "маселесине", "маселе" }, /* poss3+dat */
    { "маселесинен", "маселе" }, /* poss3+abl */
    { "маселесинин", "маселе" }, /* poss3+gen */
    { "министрлерге", "министр" }, /* plural+dat */
    { "министрлерде", "министр" }, /* plural+loc */
    { "министрлердин", "министр" }, /* plural+gen */
    { "министрлери", "министр" }, /* plural+poss3 */
    { "райондор", "район" }, /* plural */
    { "райондорго", "район" }, /* plural+dat */
    { "райондордо", "район" }, /* plural+loc */
    { "райондордун", "район" }, /* plural+gen */
    { "райондору", "район" }, /* plural+poss3 */
    { "соттор", "сот" }, /* plural */
    { "сотторго", "сот" }, /* plural+dat */
    { "соттордо", "сот" }, /* plural+loc */
    { "соттордун", "сот" }, /* plural+gen */
    { "соттору", "сот" }, /* plural+poss3 */
    { "сөзгө", "сөз" }, /* dat */
    { "сөздү", "сөз" }, /* acc */
    { "сөздүн", "сөз" }, /* gen */
    { "сөздө", "сөз" }, /* loc */
    { "сөздөгү", "сөз" }, /* rel */
    { "сөздөн", "сөз" }, /* abl */
    { "сөздөр", "сөз" }, /* plural */
    { "сөздөргө", "сөз" }, /* plural+dat */
    { "сөздөрдүн", "сөз" }, /* plural+gen */
    { "сөздөрдө", "сөз" }, /* plural+loc */
    { "сөздөрү", "сөз" }, /* plural+poss3 */
    { "тарыхка", "тарых" }, /* dat */
    { "тарыхта", "тарых" }, /* loc */
    { "тарыхтагы", "тарых" }, /* rel */
    { "тарыхтан", "тарых" }, /* abl */
    { "тарыхтар", "тарых" }, /* plural */
    { "тарыхтарга", "тарых" }, /* plural+dat */
    { "тарыхтарда", "тарых" }, /* plural+loc */
    { "тарыхтардын", "тарых" }, /* plural+gen */
    { "тарыхтары", "тарых" }, /* plural+poss3 */
    { "тарыхты", "тарых" }, /* acc */
    { "тарыхтын", "тарых" }, /* gen */
    { "тилдер", "тил" }, /* plural */
    { "тилдерге", "тил" }, /* plural+dat */
    { "тилдерде", "тил" }, /* plural+loc */
    { "тилдердин", "тил" }, /* plural+gen */
    { "тилдери", "тил" }, /* plural+poss3 */
    { "тоого", "тоо" }, /* dat */
    { "тоодо", "тоо" }, /* loc */
    { "тоодогу", "тоо" }, /* rel */
    { "тоодон", "тоо" }, /* abl */
    { "тооктор", "тоок" }, /* plural */
    { "тоокторго", "тоок" }, /* plural+dat */
    { "тооктордо", "тоок" }, /* plural+loc */
    { "тооктордун", "тоок" }, /* plural+gen */
    { "тооктору", "тоок" }, /* plural+poss3 */
    { "тоолорго", "тоо" }, /* plural+dat */
    { "тоолордо", "тоо" }, /* plural+loc */
    { "тоолордун", "тоо" }, /* plural+gen */
    { "тоолору", "тоо" }, /* plural+poss3 */
    { "тоонун", "тоо" }, /* gen */
    { "төштөр", "төш" }, /* plural */
    { "төштөргө", "төш" }, /* plural+dat */
    { "төштөрдүн", "төш" }, /* plural+gen */
    { "төштөрдө", "төш" }, /* plural+loc */
    { "төштөрү", "төш" }, /* plural+poss3 */
    { "чекке", "чек" }, /* dat */
    { "чекте", "чек" }, /* loc */
    { "чектеги", "чек" }, /* rel */
    { "чектен", "чек" }, /* abl */
    { "чектер", "чек" }, /* plural */
    { "чектерге", "чек" }, /* plural+dat */
    { "чектерде", "чек" }, /* plural+loc */
    { "чектердин", "чек" }, /* plural+gen */
    { "чектери", "чек" }, /* plural+poss3 */
    { "чекти", "чек" }, /* acc */
    { "чектин", "чек" }, /* gen */
    { "шаарга", "шаар" }, /* dat */
    { "шаарда", "шаар" }, /* loc */
    { "шаардагы", "шаар" }, /* rel */
    { "шаардан", "шаар" }, /* abl */
    { "шаарды", "шаар" }, /* acc */
    { "шаардын", "шаар" }, /* gen */
    { "шаарлар", "шаар" }, /* plural */
    { "шаарларга", "шаар" }, /* plural+dat */
    { "шаарларда", "шаар" }, /* plural+loc */
    { "шаарлардын", "шаар" }, /* plural+gen */
    { "шаарлары", "шаар" }, /* plural+poss3 */
    { "шаары", "шаар" }, /* poss3 */
    { "шаарыбыз", "шаар" }, /* poss1pl */
    { "шаарын", "шаар" }, /* poss3+acc */
    { "шаарына", "шаар" }, /* poss3+dat */
    { "шаарынан", "шаар" }, /* poss3+abl */
    { "шаарында", "шаар" }, /* poss3+loc */
    { "шаарындагы", "шаар" }, /* poss3+rel */
    { "шаарынын", "шаар" }, /* poss3+gen */
    { "шаарыңар", "шаар" }, /* poss2pl-fam */
    { "шаарыңыз", "шаар" }, /* poss2pl */
    { "элде", "эл" }, /* loc */
    { "элдеги", "эл" }, /* rel */
    { "элден", "эл" }, /* abl */
    { "элдерге", "эл" }, /* plural+dat */
    { "элдерде", "эл" }, /* plural+loc */
    { "элдердин", "эл" }, /* plural+gen */
    { "элдери", "эл" }, /* plural+poss3 */
    { "элди", "эл" }, /* acc */
    { "элдин", "эл" }, /* gen */
    { "үйгө", "үй" }, /* dat */
    { "үйдү", "үй" }, /* acc */
    { "үйдүн", "үй" }, /* gen */
    { "үйдө", "үй" }, /* loc */
    { "үйдөгү", "үй" }, /* rel */
    { "үйдөн", "үй" }, /* abl */
    { "үйлөргө", "үй" }, /* plural+dat */
    { "үйлөрдүн", "үй" }, /* plural+gen */
    { "үйлөрдө", "үй" }, /* plural+loc */
    { "үйлөрү", "үй" }, /* plural+poss3 */
    { "үйү", "үй" }, /* poss3 */
    { "үйүбүз", "үй" }, /* poss1pl */
    { "үйүн", "үй" }, /* poss3+acc */
    { "үйүндө", "үй" }, /* poss3+loc */
    { "үйүндөгү", "үй" }, /* poss3+rel */
    { "үйүнүн", "үй" }, /* poss3+gen */
    { "үйүнө", "үй" }, /* poss3+dat */
    { "үйүнөн", "үй" }, /* poss3+abl */
    { "үйүңүз", "үй" }, /* poss2pl */
    { "үйүңөр", "үй" }, /* poss2pl-fam */
    { "өлкөгө", "өлкө" }, /* dat */
    { "өлкөдө", "өлкө" }, /* loc */
    { "өлкөдөгү", "өлкө" }, /* rel */
    { "өлкөдөн", "өлкө" }, /* abl */
    { "өлкөлөр", "өлкө" }, /* plural */
    { "өлкөлөргө", "өлкө" }, /* plural+dat */
    { "өлкөлөрдүн", "өлкө" }, /* plural+gen */
    { "өлкөлөрдө", "өлкө" }, /* plural+loc */
    { "өлкөлөрү", "өлкө" }, /* plural+poss3 */
    { "өлкөнү", "өлкө" }, /* acc */
    { "өлкөнүн", "өлкө" }, /* gen */
    { "өлкөсү", "өлкө" }, /* poss3 */
    { "өлкөсүн", "өлкө" }, /* poss3+acc */
    { "өлкөсүндө", "өлкө" }, /* poss3+loc */
    { "өлкөсүндөгү", "өлкө" }, /* poss3+rel */
    { "өлкөсүнүн", "өлкө" }, /* poss3+gen */
    { "өлкөсүнө", "өлкө" }, /* poss3+dat */
    { "өлкөсүнөн", "өлкө" }, /* poss3+abl */
    { "бою", "бой" }, /* я/ю/ё after a vowel spelt out: бой + 3rd possessive */
    { "коюу", "кой" }, /* ю-stem verbal noun: кой + -уу */
    { "коюшту", "кой" }, /* ю-stem reciprocal + past 3rd */
    { "коюп", "кой" }, /* ю-stem converb */
    { "уюму", "уюм" }, /* ю inside the stem joined again in the output */
    { "компаниясынын", "компания" }, /* я-final loan + possessive + genitive */
    { "аюунун", "аюу" }, /* аюу (bear) is an exception, not ай + -уу */
    { "орду", "орун" }, /* vowel drop: орун -> орду */
    { "ордунан", "орун" }, /* vowel drop + possessive + ablative */
    { "мойнуна", "моюн" }, /* vowel drop with ю: моюн -> мойну */
    { "айлында", "айыл" }, /* vowel drop: айыл -> айлы */
    { "мурду", "мурун" }, /* vowel drop: мурун -> мурду */
    { "балдарым", "бала" }, /* irregular plural балдар- + possessive */
    { "балдарыңдан", "бала" }, /* irregular plural балдар- + possessive + case */
    { "кыргызстандыктар", "кыргызстандык" }, /* -лык kept once the word is inflected */
    { "агенттиктин", "агенттик" }, /* -тик kept before a case */
    { "жылдык", "жыл" }, /* bare -дык from a 3-letter stem */
    { "бийлик", "бийлик" }, /* lexicalised -лик (exception) */
    { "айлык", "айлык" }, /* -лык never leaves 2 letters */
    { "күчтүү", "күч" }, /* -түү from a 3-letter stem */
    { "депутат", "депутат" }, /* -ат noun: депут- is not a verb stem */
    { "кызматтын", "кызмат" }, /* -ат noun + genitive: кызм- is not a verb stem */
    { "өкмөтү", "өкмөт" }, /* -өт noun: өкм- is not a verb stem */
    { "мөөнөт", "мөөнөт" }, /* -өт noun: long-vowel мөөн- is not a verb stem */
    { "интернет", "интернет" }, /* -ет noun: интерн- is not a verb stem */
    { "берилет", "бер" }, /* present 3rd on a passive stem */
    { "кайтарат", "кайтар" }, /* present 3rd on a causative -ар stem */
    { "жүргүзөт", "жүргүз" }, /* present 3rd on a causative -гүз stem */
    { "жолугат", "жолук" }, /* present 3rd on an -ук stem */
    { "китептерди", "китеп" }, /* китеп is an exception, not ките + converb -п */
    { "мектебинде", "мектеп" }, /* мектеп is an exception */
    { "суроо", "сура" }, /* verbal noun -оо: у takes а (сура, like сурап) */
    { "болгону", "бол" }, /* participle + 3rd possessive, not болго + acc */
    { "кеткенин", "кет" }, /* participle + possessive + acc */
    { "районун", "район" }, /* -он + possessive + acc, not райо + genitive */
    { "кинонун", "кино" }, /* кино is an exception */
    { "болбо", "бол" }, /* negative imperative */
    { "иштебе", "иште" }, /* negative imperative after a vowel stem */
    { "болбоңуздар", "бол" }, /* negative imperative 2pl polite */
    { "араба", "араба" }, /* араба is an exception, not ара + -ба */
    { "кеткиси", "кет" }, /* desiderative + 3rd possessive */
    { "койгусу", "кой" }, /* desiderative + 3rd possessive, rounded */
    { "болгондуктан", "бол" }, /* factive -гандык + ablative */
    { "айткандай", "айт" }, /* participle + similative */
    { "алайын", "ал" }, /* optative 1sg */
    { "берейин", "бер" }, /* optative 1sg front */
    { "алсак", "ал" }, /* conditional 1pl */
    { "курсак", "курсак" }, /* курсак is an exception */
    { "алышты", "ал" }, /* reciprocal before past 3rd */
    { "болушат", "бол" }, /* reciprocal + present 3rd */
    { "беришти", "бер" }, /* reciprocal front + past 3rd */
    { "жумушту", "жумуш" }, /* жумуш is an exception, not a reciprocal */
    { "кеңеши", "кеңеш" }, /* кеңеш is an exception */
    { "алам", "ал" }, /* present 1sg */
    { "алабыз", "ал" }, /* present 1pl */
    { "балам", "бала" }, /* 1sg possessive behind the exception бала */
    { "балабыз", "бала" }, /* 1pl possessive behind the exception бала */
    { "адам", "адам" }, /* адам is an exception, not ад + -ам */
    { "болоор", "бол" }, /* future participle -оор */
    { "бериле", "бер" }, /* passive + converb */
    { "чыкпаш", "чык" }, /* negative verbal noun */
    { "башка", "башка" }, /* башка (other) is an exception */
    { "эски", "эски" }, /* эски (old) is an exception */
    { "жыйынында", "жыйын" }, /* жыйын is an exception */
    { "жыйында", "жыйын" }, /* жыйын is an exception */
    { "тоо-боюна", "тоо-бой" }, /* hyphenated compound + spelt-out ю */
    { "ысык-көлдөгү", "ысык-көл" }, /* hyphenated compound + relative */
    { "күчтүүлөр", "күчтүү" }, /* -луу once inflected is a noun of its own */
    { "оорулуулар", "оорулуу" }, /* the same ("the sick") */
    { "курама", "курама" }, /* a low final vowel is no possessive behind курам */
    { "жетим", "жетим" }, /* high vowel + м: the deverbal -ым, not жети + м */
    { "кийим", "кийим" }, /* the same */
    { "атаңа", "ата" }, /* 2sg possessive + short dative behind an exception */
    { "эжеме", "эже" }, /* 1sg possessive + short dative behind an exception */
    { "мекеме", "мекеме" }, /* -ме elsewhere is the deverbal noun, kept */
    { "баяндама", "баяндама" }, /* the same */
    { "атамын", "ата" }, /* predicative 1sg behind an exception */
    { "мектебим", "мектеп" }, /* 1sg possessive: б shows the boundary */
    { "укугум", "укук" }, /* 1sg possessive: г shows the boundary */
    { "жумушум", "жумуш" }, /* 1sg possessive behind an exception */
    { "ордумда", "орун" }, /* 1sg possessive behind a collapsed stem */
    { "крнын", "кр" }, /* lower-case acronym + genitive (spoken ка-эр) */
    { "ккмды", "ккм" }, /* lower-case acronym + accusative */
    { "кмшдагы", "кмш" }, /* lower-case acronym + relative */
    { "жкку", "жкку" }, /* a vowel after the consonants is the acronym's own */
    { "кылмыштуулук", "кылмыштуулук" }, /* -лык after -луу: abstract noun, kept */
    { "жумушсуздук", "жумушсуздук" }, /* -лык after -сыз: abstract noun, kept */
    { "фондун", "фонд" }, /* фонд is an exception: not фон + -дун */
    { "тбилисиде", "тбилиси" }, /* тбилиси is an exception: not тбили + -си */
    { "минскиде", "минск" }, /* a cluster keeps its к: not минс + -ки */
    { "омскунун", "омск" }, /* the same */
    { "негизги", "негиз" }, /* relational -ги after a single consonant */
    { "балалык", "балалык" }, /* lexicalised abstract -лык (exception) */
    { "жакшылык", "жакшылык" }, /* the same */
};

#define N_CASES (sizeof k_cases / sizeof k_cases[0])

/* Stems a NUL-terminated word into a static-size buffer. */
static const char *stem_of(const char *word, char *buf, size_t cap)
{
    size_t n = ky_stem(word, strlen(word), buf, cap);
    ck_assert_uint_lt(n, cap);
    buf[n] = '\0';
    return buf;
}

START_TEST(test_table)
{
    char buf[KY_STEM_MAX_WORD + 1];
    const stem_case *c = &k_cases[_i];
    const char *got = stem_of(c->word, buf, sizeof buf);
    ck_assert_msg(strcmp(got, c->stem) == 0, "ky_stem(\"%s\") = \"%s\", expected \"%s\"",
                  c->word, got, c->stem);
}
END_TEST

/* Words that must meet (search: any form finds the others). */
static const char *const k_groups[][8] = {
    { "грант", "гранттар", "гранттарды", "гранттын", NULL },
    { "теңдештирүүчү", "теңдештирүүчүлөр", "теңдештирүүчүнүн", NULL },
    { "бюджеттин", "бюджет", "бюджети", "бюджеттер", NULL },
    { "кодекси", "кодекс", "кодекстин", "кодексин", "кодексинде", NULL },
    { "органдарынын", "орган", "органы", NULL },
    { "бишкекте", "бишкектеги", "бишкек", "бишкектин", NULL },
    { "сентябрь", "сентябрда", "сентябрга", NULL },
    { "мамлекет", "мамлекеттин", "мамлекети", "мамлекеттик", NULL },
    { "китеп", "китеби", "китептер", "китепти", NULL },
    { "мектеп", "мектеби", "мектептер", "мектепте", NULL },
    { "шайлоо", "шайлоолор", "шайлоодо", "шайлоонун", NULL },
    { "тендештируучу", "тендештируучунун", NULL },
    { "кыргызстан", "кыргызстанда", "кыргызстандын", "кыргызстанга", NULL },
    { "орун", "орду", "ордуна", "орундар", NULL },
    { "моюн", "мойну", "моюндары", NULL },
    { "район", "районун", "району", "райондор", NULL },
    { "бала", "балдар", "балдарым", "балам", "балабыз", NULL },
    { "кой", "коюу", "коюп", "койду", "коюшту", NULL },
    { "бол", "болбо", "болушат", "болгону", "болоор", NULL },
    { "кызмат", "кызматтын", "кызматы", NULL },
    { "кр", "крнын", "крге", "крдин", "крда", NULL },
    { "фонд", "фонду", "фондун", "фонддор", NULL },
    { "тбилиси", "тбилисиде", "тбилисиге", NULL },
    { "минск", "минскиде", "минскинин", NULL },
    { "бала", "балама", "баламын", "балаңа", NULL },
};

START_TEST(test_groups_meet)
{
    char a[KY_STEM_MAX_WORD + 1], b[KY_STEM_MAX_WORD + 1];
    const char *const *g = k_groups[_i];
    stem_of(g[0], a, sizeof a);
    for (size_t j = 1; g[j]; j++)
        ck_assert_msg(strcmp(stem_of(g[j], b, sizeof b), a) == 0,
                      "\"%s\" -> \"%s\" but \"%s\" -> \"%s\"", g[j], b, g[0], a);
}
END_TEST

/* Different real words that must stay apart. */
static const char *const k_apart[][2] = {
    { "болот", "бөлөт" }, { "болду", "бөлдү" }, { "кол", "көл" },
    { "тоо", "төө" }, { "уй", "үй" }, { "ун", "үн" }, { "суусуз", "суу" },
    { "жумушчу", "жумуш" }, { "иш", "эл" }, { "ал", "эл" },
    { "кыргызстандыктар", "кыргызстан" }, { "бийлик", "бий" },
    { "башка", "баш" }, { "аюу", "ай" }, { "кеңеш", "кең" },
    { "фонду", "фон" }, { "балалык", "бала" }, { "заманбап", "заман" },
    { "курама", "курам" }, { "жетим", "жети" }, { "мекеме", "меке" },
};

START_TEST(test_apart)
{
    char a[KY_STEM_MAX_WORD + 1], b[KY_STEM_MAX_WORD + 1];
    stem_of(k_apart[_i][0], a, sizeof a);
    stem_of(k_apart[_i][1], b, sizeof b);
    ck_assert_msg(strcmp(a, b) != 0, "\"%s\" and \"%s\" both -> \"%s\"",
                  k_apart[_i][0], k_apart[_i][1], a);
}
END_TEST

/* Non-Cyrillic words come back unchanged. */
static const char *const k_unchanged[] = {
    "2021", "covid", "ipad", "x86", "e-mail", "100%", "абc" /* Latin c */,
    "ǝ", "",
};

START_TEST(test_unchanged)
{
    char buf[KY_STEM_MAX_WORD + 1];
    const char *w = k_unchanged[_i];
    size_t len = strlen(w);
    size_t n = ky_stem(w, len, buf, sizeof buf);
    ck_assert_msg(n == len && memcmp(buf, w, len) == 0,
                  "\"%s\" changed (len %zu -> %zu)", w, len, n);
}
END_TEST

START_TEST(test_overlong_unchanged)
{
    /* 129 x "лар" = 774 bytes > KY_STEM_MAX_WORD. */
    char word[1024], out[1024];
    size_t len = 0;
    memcpy(word, "бала", 8);
    len = 8;
    while (len + 6 <= KY_STEM_MAX_WORD + 12) {
        memcpy(word + len, "лар", 6);
        len += 6;
    }
    ck_assert_uint_gt(len, KY_STEM_MAX_WORD);
    size_t n = ky_stem(word, len, out, sizeof out);
    ck_assert_uint_eq(n, len);
    ck_assert(memcmp(out, word, len) == 0);
}
END_TEST

START_TEST(test_cap_too_small)
{
    /* "балдарынын" stems to "бала" (8 bytes); with room for 5 bytes the
     * stemmer writes whole letters only, never past cap. */
    char out[16];
    memset(out, '#', sizeof out);
    size_t n = ky_stem("балдарынын", strlen("балдарынын"), out, 5);
    ck_assert_uint_le(n, 5);
    ck_assert_uint_eq(n % 2, 0);
    ck_assert(memcmp(out, "бала", n) == 0);
    for (size_t i = 5; i < sizeof out; i++)
        ck_assert_int_eq(out[i], '#');
    /* cap 0 writes nothing. */
    ck_assert_uint_eq(ky_stem("бала", 8, out, 0), 0);
    /* exact room: no NUL written, stem intact. */
    memset(out, '#', sizeof out);
    n = ky_stem("балага", strlen("балага"), out, 8);
    ck_assert_uint_eq(n, 8);
    ck_assert(memcmp(out, "бала", 8) == 0);
    ck_assert_int_eq(out[8], '#');
}
END_TEST

START_TEST(test_never_longer_and_in_place_safe)
{
    /* Every table word: stem no longer than the word, valid UTF-8 prefix. */
    char buf[KY_STEM_MAX_WORD + 1];
    for (size_t i = 0; i < N_CASES; i++) {
        size_t len = strlen(k_cases[i].word);
        size_t n = ky_stem(k_cases[i].word, len, buf, sizeof buf);
        ck_assert_msg(n <= len, "\"%s\": stem longer than word", k_cases[i].word);
    }
}
END_TEST

START_TEST(test_garbage_bytes)
{
    /* Invalid UTF-8, lone continuation bytes, truncated sequences, NULs:
     * returned unchanged, never read or written out of bounds. */
    static const char *const bad[] = {
        "\xd0", "\xd0\xb0\xd0", "\x80\x80", "\xff\xfe", "\xd0\xb0\x00\xd0\xb0",
        "\xe2\x82\xac", "\xd2\xa3\xd2", "-", "--", "\xd0\xb0-",
    };
    static const size_t badlen[] = { 1, 3, 2, 2, 5, 3, 3, 1, 2, 3 };
    char out[64];
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        size_t n = ky_stem(bad[i], badlen[i], out, sizeof out);
        ck_assert_uint_le(n, badlen[i]);
    }
    /* Pseudo-random Cyrillic-looking soup. */
    unsigned seed = 12345;
    for (int round = 0; round < 2000; round++) {
        char w[64];
        size_t len = 0, want = (size_t)(seed % 30) + 1;
        while (len + 2 <= want * 2) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) % 40;
            unsigned cp = r < 32 ? 0x430 + r : r == 32 ? 0x4A3 : r == 33 ? 0x4E9
                        : r == 34 ? 0x4AF : r == 35 ? 0x451 : 0x430 + r % 8;
            w[len++] = (char)(0xC0 | (cp >> 6));
            w[len++] = (char)(0x80 | (cp & 0x3F));
        }
        size_t n = ky_stem(w, len, out, sizeof out);
        ck_assert_uint_le(n, len);
    }
}
END_TEST

Suite *ky_stem_suite(void)
{
    Suite *s = suite_create("ky_stem");
    TCase *tc = tcase_create("table");
    tcase_add_loop_test(tc, test_table, 0, (int)N_CASES);
    suite_add_tcase(s, tc);

    tc = tcase_create("properties");
    tcase_add_loop_test(tc, test_groups_meet, 0,
                        (int)(sizeof k_groups / sizeof k_groups[0]));
    tcase_add_loop_test(tc, test_apart, 0,
                        (int)(sizeof k_apart / sizeof k_apart[0]));
    tcase_add_loop_test(tc, test_unchanged, 0,
                        (int)(sizeof k_unchanged / sizeof k_unchanged[0]));
    tcase_add_test(tc, test_overlong_unchanged);
    tcase_add_test(tc, test_cap_too_small);
    tcase_add_test(tc, test_never_longer_and_in_place_safe);
    tcase_add_test(tc, test_garbage_bytes);
    suite_add_tcase(s, tc);
    return s;
}
