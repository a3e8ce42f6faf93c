/**
 * Word lists the attribution rules read. Kept in one place, as plain sets, so that a reviewer can see
 * every word the extractor treats specially and a rule change is a one-line diff.
 */

function words(text: string): Set<string> {
  return new Set(text.split(/\s+/).filter((word) => word.length > 0));
}

/**
 * Speech verbs in every finite form we have seen introduce a quote or reported speech. Lower case.
 * "Said" and friends attribute words; "called"/"described" only attribute short quoted fragments.
 */
export const SPEECH_VERBS = words(`
said says say saying told tells tell telling added adds adding insisted insists insist
warned warns warn warning claimed claims claim argued argues argue arguing stressed stresses
denied denies urged urges announced announces explained explains replied replies reply noted notes
admitted admits acknowledged acknowledges suggested suggests declared declares conceded concedes
asked asks wrote writes commented comments remarked remarks observed observes continued continues
agreed agrees confirmed confirms predicted predicts promised promises maintained maintains
countered counters responded responds retorted retorts revealed reveals recalled recalls stated
states joked jokes quipped quips complained complains cautioned cautions emphasised emphasises
emphasized emphasizes boasted boasts demanded demands vowed vows pledged pledges alleged alleges
asserted asserts contended contends accepted accepts reiterated reiterates told
testified testifies proclaimed proclaims shouted shouts answered answers recounted recounts
reported reports assured assures advised advises informed informs mused muses wondered wonders
predicted forecast forecasts estimated estimates disclosed discloses indicated indicates
concluded concludes objected objects protested protests pleaded pleads speculated speculates
affirmed affirms hinted hints reckoned reckons explained remembered jeered shouted
accused accuses accusing accuse
repeated implored implores begged snapped quipped mused wondered cried exclaimed confessed confesses confess
confided confides whispered whispers
tweeted tweets tweeting posted scoffed scoffs interjected interjects pressed echoed echoes chanted
gushed gushes blared fumed fumes lamented laments bragged brags sniped snipes griped grumbled opined
opines marveled marvelled ranted emailed texted retaliated mocked mocks teased cheered thundered
groused grouses fretted frets sighed surmised reasoned charged
elaborated elaborates
barked barks yelled yells screamed screams hollered roared roars boomed booms riffed exhorted exhorts
sneered sneers growled snarled
urging claiming insisting admitting suggesting predicting stressing pledging
brands
`);

/** Verbs that attribute a quoted fragment in the same sentence (`called the plan "a disgrace"`). */
export const FRAGMENT_VERBS = words(`
called calls calling described describes describing branded brands dubbed dubs labelled labels
labeled attacked attacks criticised criticises criticized criticizes accused accuses hailed hails
praised praises condemned condemns dismissed dismisses welcomed welcomes urged defended defends
spoke speaks speaking talked talks referred refers promised vowed warned pledged blamed blames
rejected rejects backed repeated
attacking praising blasting slamming mocking dismissing labeling labelling dubbing branding decrying
denouncing hailing criticizing criticising condemning welcoming defending blaming rejecting referring
`);

/** Verbs that attribute reported speech (a content clause follows). Beliefs are left out on purpose. */
export const REPORTING_VERBS = words(`
say tell add warn claim argue insist stress deny urge announce explain reply note admit acknowledge
suggest declare concede predict promise maintain confirm agree complain accept accused accuses accusing accuse
said says told tells added adds insisted insists warned warns claimed claims argued argues stressed
stresses denied denies urged urges announced announces explained explains replied replies noted
notes admitted admits acknowledged acknowledges suggested suggests declared declares conceded
concedes wrote writes agreed confirmed confirms predicted predicts promised promises maintained
maintains countered responded revealed reveals recalled stated states complained complains
cautioned emphasised emphasized boasted vowed vows pledged alleged alleges asserted contended
reiterated testified disclosed indicated indicates concluded forecast
`);

/** Auxiliaries and adverbs that can sit between a speaker and the speech verb ("he has also said"). */
export const VERB_MODIFIERS = words(`
has had have was is were are would will could should may might must did does do not also later then
further again once today yesterday recently previously earlier repeatedly simply only still now
already privately publicly separately subsequently reportedly allegedly himself herself last
always never long since first often consistently usually just even quickly frequently openly
meanwhile however instead too though therefore nevertheless again
`);

export const PRONOUNS = words(`he she they it we i`);
export const MALE_PRONOUNS = words(`he him his himself`);
export const FEMALE_PRONOUNS = words(`she her hers herself`);

/** Honorifics that make the next capitalised words a person's name. */
export const HONORIFICS = words(`mr mrs ms miss dr sir lord lady dame baroness baron mr. mrs. ms. dr. rev reverend prof professor sen senator rep gov gen col capt sgt lt cllr supt insp det
rev. prof. sen. rep. gov. gen. col. capt. sgt. lt. supt. insp. det. sens. reps. govs. maj. adm. cmdr. cpl. atty. messrs. fr.`);
export const MALE_HONORIFICS = words(`mr mr. sir lord baron`);
export const FEMALE_HONORIFICS = words(`mrs mrs. ms ms. miss lady dame baroness`);

/**
 * Role nouns: a name right after them is a person ("Chancellor Gordon Brown"), and "the chancellor"
 * can stand for that person later in the article.
 */
export const ROLE_NOUNS = words(`
president minister chancellor leader secretary chairman chairwoman chair spokesman spokeswoman
spokesperson chief executive director governor senator mayor premier king queen prince princess
pope ambassador general commissioner judge justice manager coach boss head founder analyst economist
official officer aide adviser advisor adviser deputy representative congressman congresswoman mp mep
candidate campaigner chairperson vice treasurer counsel lawyer attorney prosecutor inspector
commander captain colonel sheikh emir ayatollah cardinal archbishop bishop rabbi imam striker
midfielder defender goalkeeper player star singer actor actress director producer presenter author
writer editor correspondent researcher scientist professor doctor dr expert strategist partner
shadow whip speaker member figure envoy diplomat banker dealer trader broker source negotiator delegate
insider participant witness resident activist protester critic fan supporter voter
pollster consultant blogger commentator columnist lawmaker operative donor organizer organiser nominee
frontrunner front-runner challenger incumbent staffer sheriff councilman councilwoman assemblyman
assemblywoman legislator historian scholar lobbyist advocate pastor
host anchor ally surrogate confidant moderator pundit reporter journalist
`);

/** Heads of descriptions that are never one person: their quotes keep the description as speaker. */
export const GROUP_NOUNS = words(`
company firm group government ministry department office party council committee commission union
bank board agency authority authorities police statement report survey study poll spokesman
spokeswoman spokesperson source sources officials analysts critics experts observers executives
ministers campaigners economists researchers players fans residents witnesses organisers organizers
organisation organization association federation club team court parliament house senate congress
newspaper paper magazine website newsletter book letter document memo manifesto leaflet article
editorial dossier motion bill
campaign coalition caucus ad email lawsuit suit complaint filing indictment affidavit
`);

/** Outlets: "told the BBC", "as quoted by Reuters", "according to the Financial Times" name a medium. */
export const MEDIA = words(`
reuters bbc ap afp cnn itv sky bloomberg interfax itar-tass tass xinhua kyodo guardian times telegraph
independent observer mirror sun express mail herald scotsman economist ft newsnight today radio
channel programme program agency newspaper paper magazine website nbc abc cbs fox npr pa
`);

/** Words that often start a sentence with a capital without being a name. */
export const CAPITALISED_FUNCTION_WORDS = words(`
the a an but and or so yet in on at of for to from by with as if when while after before since
although though because however meanwhile moreover also this that these those there here it its
he she they we i his her their our my you your what who why how where which one some many most
more much all both each every no not yes other another such than then now today yesterday last
next earlier later speaking asked according despite during under over into about among between
without within following instead indeed still even just only perhaps maybe mr mrs ms dr sir
mr. mrs. ms. dr.
does did neither nor see let please whether unlike has have had is was are were do
amid amidst
ever hours days weeks months years minutes moments decades
`);

/**
 * Party words US copy writes as a title before a full name ("Democrat Elijah Cummings", "ranking
 * Republican Jane Doe"); before an organisation's name they stay part of it ("Republican National Committee").
 */
export const PARTY_TITLES = words(`democrat republican independent`);

/** True when tokens[at] is a party title: a full name of person words follows it up to `last`. */
export function isPartyTitle(tokens: readonly { lower: string }[], at: number, last: number): boolean {
  if (!PARTY_TITLES.has(tokens[at]!.lower) || last - at < 2) return false;
  for (let i = at + 1; i <= last; i += 1) if (NON_PERSON_WORDS.has(tokens[i]!.lower.replace(/['’]s$/, ''))) return false;
  return true;
}

/** Lower-case words allowed inside a name ("Luiz Inacio Lula da Silva", "Ludwig van Beethoven"). */
export const NAME_PARTICLES = words(`da de del della der di du la le van von bin ibn al el dos das ul y`);

/**
 * Capitalised words that end or make an organisation, place or thing: a name with one of these is
 * not a person ("Downing Street", "Lehman Brothers").
 */
export const NON_PERSON_WORDS = words(`
street bank party ministry department office council committee commission union group company corp
corporation inc ltd plc co association federation club united city county state states house
news times post journal review service services airways airlines motors industries international
national royal university college school hospital court agency authority fund foundation trust
institute institution centre center organisation organization network brothers partners securities
capital holdings board parliament assembly congress senate government republic kingdom federal
conservatives labour tories democrats republicans party's reuters bbc channel radio television tv
exchange market markets index league cup championship festival awards awards europe america africa
asia china japan russia india iraq iran britain england scotland wales ireland france germany italy
spain washington london moscow brussels paris tokyo beijing street's army navy police nations
monday tuesday wednesday thursday friday saturday sunday january february march april june july
august september october november december
dems lib tories tory labour greens nationalists unionists liberals socialists
`);

/** A few hundred common given names: a capitalised run starting with one is a person. */
export const GIVEN_NAMES = words(`
john james david michael robert william richard thomas charles joseph george paul mark peter andrew
tony gordon jack steven stephen kevin brian edward ronald anthony donald kenneth daniel matthew
christopher chris simon ian alan alastair alistair neil nick nicholas martin patrick sean tom tim
timothy jonathan jon ben benjamin sam samuel adam alex alexander henry harry frank fred frederick
gary graham greg gregory howard jeremy jim jimmy joe jose juan carlos luis luiz pedro miguel
francois jean pierre jacques nicolas gerhard helmut angela vladimir boris mikhail dmitry viktor
victor yulia leonid silvio romano jose-manuel kofi ariel mahmoud yasser saddam hamid george bill
hillary barack al dick colin condoleezza donald ronald jimmy ralph roger ross russell ryan scott
stuart stewart terry tommy trevor walter wayne keith kenny lee leo lewis malcolm matt max mike
nigel oliver patrick phil philip ray raymond rob robin rod ron roy rupert geoff geoffrey derek
des dennis douglas duncan eric ernest gavin gerry glen glenn hugh hugo iain ivan jake jamie jason
jeff jeffrey jerry joel john-paul johnny jonny josh julian justin karl ken kim larry len liam
mary patricia linda barbara elizabeth jennifer maria susan margaret dorothy lisa nancy karen
betty helen sandra donna carol ruth sharon michelle laura sarah kimberly deborah jessica shirley
cynthia angela melissa brenda amy anna rebecca virginia kathleen pamela martha debra amanda
stephanie carolyn christine marie janet catherine frances ann joyce diane alice julie heather
teresa doris gloria evelyn jean cheryl mildred katherine joan ashley judith rose janice kelly
nicole judy christina kathy theresa beverly denise tammy irene jane lori rachel marilyn andrea
kathryn louise sara anne jacqueline wanda bonnie julia ruby lois tina phyllis norma paula diana
annie lillian emily robin peggy crystal gladys rita dawn connie florence tracy edna tiffany
carmen rosa cindy grace wendy victoria edith kim sherry sylvia josephine thelma shannon sheila
ethel ellen elaine marjorie carrie charlotte monica esther pauline emma juanita anita rhonda
hazel amber eva debbie april leslie clara lucille jamie joanne eleanor valerie danielle megan
alicia suzanne michele gail bertha darlene veronica jill erin geraldine lauren cathy joann
lorraine lynn sally regina erica beatrice dolores bernice audrey yvonne annette june samantha
marion dana stacy ana renee ida vivian roberta holly brittany melanie loretta yolanda jeanette
laurie katie kristen vanessa alma sue elsie beth jeanne tessa hilary harriet estelle patricia
margaret clare claire kate kirsty natalie nicola gillian fiona alison alastair charles clive
bernie jeb marco newt mitch rahm corey barry marty hank curt brent bobby wes rafael enrique federico marvin darryl freddy reince rand ted rudy trey jared elijah mitt lamar orrin chuck dennis marcus luther tyrone dwight randy rodney ricky todd travis troy chad brad bradley brandon kyle tyler cody dustin derrick jerome reggie vince vincent ernesto alberto alejandro antonio manuel francisco javier ramon ruben raul sergio fernando eduardo roberto hector omar khalid ahmed mohammed muhammad hassan ali
betsy polly elena shonda kristan gabriela meenakshi ivanka melania huma kellyanne kirsten tammy chelsea kayleigh ilyse cecile dianne susana nikki carly megyn mika tulsi kamala maxine kelly jodi stacey tanya tonya latoya keisha shanice jasmine brianna madison hannah abigail olivia sophia isabella ava mia chloe zoe lily natasha svetlana irina olga ludmila ingrid greta heidi dolly priscilla
`);

/** Given names that are mostly borne by women, for pronoun agreement. */
export const FEMALE_GIVEN_NAMES = words(`
mary patricia linda barbara elizabeth jennifer maria susan margaret dorothy lisa nancy karen betty
helen sandra donna carol ruth sharon michelle laura sarah kimberly deborah jessica shirley cynthia
angela melissa brenda amy anna rebecca virginia kathleen pamela martha debra amanda stephanie
carolyn christine marie janet catherine frances ann joyce diane alice julie heather teresa doris
gloria evelyn cheryl mildred katherine joan ashley judith rose janice kelly nicole judy christina
kathy theresa beverly denise tammy irene jane lori rachel marilyn andrea kathryn louise sara anne
jacqueline wanda bonnie julia ruby lois tina phyllis norma paula diana annie lillian emily peggy
crystal gladys rita dawn connie florence tracy edna tiffany carmen rosa cindy grace wendy victoria
edith sherry sylvia josephine thelma shannon sheila ethel ellen elaine marjorie carrie charlotte
monica esther pauline emma juanita anita rhonda hazel amber eva debbie april clara lucille joanne
eleanor valerie danielle megan alicia suzanne michele gail bertha darlene veronica jill erin
geraldine lauren cathy joann lorraine lynn sally regina erica beatrice dolores bernice audrey
yvonne annette june samantha marion ana renee ida vivian roberta holly brittany melanie loretta
yolanda jeanette laurie katie kristen vanessa alma sue elsie beth jeanne tessa hilary harriet
estelle clare claire kate kirsty natalie nicola gillian fiona alison yulia hillary condoleezza
tessa margaret angela ruth patricia jacqui estelle baroness
betsy polly elena shonda kristan gabriela meenakshi ivanka melania huma kellyanne kirsten tammy chelsea kayleigh ilyse cecile dianne susana nikki carly megyn mika tulsi kamala maxine kelly jodi stacey tanya tonya latoya keisha shanice jasmine brianna madison hannah abigail olivia sophia isabella ava mia chloe zoe lily natasha svetlana irina olga ludmila ingrid greta heidi dolly priscilla
`);

/** Prepositions and conjunctions: a noun phrase for a speaker never runs across one of these. */
export const PHRASE_BREAKERS = words(`
and but or nor that which who whom whose because although though while when where after before
since until unless if as than so yet to in on at by from with into onto about over under between
among during without within through against towards toward upon across behind beyond near like
said says told added
`);

/** Determiners that open a descriptive speaker ("the minister", "a spokesman"). */
export const DETERMINERS = words(`the a an his her its their our one another some several many two three four five this that these those`);
