import { evade, expandFamilies, seededRandom, type TemplateFamily, type WrittenExample } from './expand';

/**
 * The training contrast set, written by the project from the definitions in shared/taxonomy
 * (hate speech, the five Art. 2(7) TCO types and the Art. 1(3) exemptions). It teaches the
 * distinctions the public datasets lack: negation, quotation in counter-speech, neutral and
 * positive identity mentions, news, research, history, fiction, idioms with violent words and
 * lawful polemic. The functional suite in ../functional/ uses different templates and fillers.
 */
const FILLERS: Record<string, string[]> = {
  g: ['muslims', 'jews', 'black people', 'women', 'gay people', 'trans people', 'immigrants', 'refugees', 'disabled people', 'christians', 'hindus', 'asians', 'roma', 'mexicans', 'arabs', 'lesbians', 'africans', 'migrants', 'trans women', 'gay men'],
  one: ['a muslim', 'a jew', 'a black man', 'a woman', 'a gay man', 'a trans woman', 'an immigrant', 'a refugee', 'a disabled person', 'a black woman', 'a lesbian', 'an arab'],
  noun: ['vermin', 'parasites', 'animals', 'a plague', 'scum', 'subhuman', 'filth', 'cockroaches', 'a disease', 'rats', 'savages', 'a cancer on society', 'trash', 'pigs'],
  adj: ['disgusting', 'worthless', 'evil', 'dirty', 'stupid', 'inferior', 'pathetic', 'dangerous', 'repulsive', 'useless'],
  harm: ['killed', 'exterminated', 'wiped out', 'hanged', 'shot', 'gassed', 'burned', 'eradicated', 'thrown out of the country', 'locked up in camps'],
  hateverb: ['hate', 'despise', 'loathe', 'detest', "can't stand"],
  pos: ['wonderful', 'kind', 'brilliant', 'valued members of our community', 'our neighbours and friends', 'just as human as anyone', 'welcome here', 'amazing'],
  nonprot: ['politicians', 'bankers', 'lawyers', 'landlords', 'tax collectors', 'estate agents', 'referees', 'spammers', 'telemarketers', 'cyclists who run red lights', 'mosquitoes', 'mondays'],
  thing: ['this weather', 'my phone', 'the traffic', 'this printer', 'pineapple on pizza', 'the new tax rules', 'my commute', 'this song'],
  city: ['london', 'paris', 'berlin', 'brussels', 'new york', 'madrid', 'vienna', 'nice', 'manchester', 'stockholm', 'istanbul', 'barcelona'],
  place: ['the concert hall', 'the airport', 'the train station', 'the christmas market', 'the stadium', 'the synagogue', 'the church', 'the mosque', 'the market', 'the parliament'],
  grp: ['the islamic state', 'isis', 'daesh', 'al qaeda', 'al shabaab', 'boko haram', 'the caliphate', 'the atomwaffen division', 'the base', 'the mujahideen'],
  fighters: ['the mujahideen', 'the soldiers of the khilafah', 'the lions of the caliphate', 'the brothers', 'our fighters', 'the white warriors', 'the knights of the race war'],
  target: ['the kuffar', 'the crusaders', 'the apostates', 'the infidels', 'the police', 'the soldiers', 'the traitors', 'the politicians'],
  weapon: ['a truck', 'a knife', 'a car', 'a rifle', 'a bomb', 'a suicide vest', 'explosives'],
  n: ['12', '3', '27', 'dozens of', '8', '40', 'five', 'two'],
  year: ['1995', '2001', '2004', '2005', '2015', '2016', '2017', '1972', '1984', '2011'],
  country: ['syria', 'iraq', 'afghanistan', 'yemen', 'libya', 'mali', 'somalia'],
  festival: ['eid', 'ramadan', 'hanukkah', 'diwali', 'passover', 'christmas', 'pride'],
};

const HATE: TemplateFamily[] = [
  { functionality: 'hate-dehumanise', hate: 1, extremist: 0, perTemplate: 40, templates: ['{g} are {noun}', 'all {g} are {noun}', 'honestly {g} are nothing but {noun}', '{g} are {noun} and always will be', 'face it, {g} are {noun}'] },
  { functionality: 'hate-derogate', hate: 1, extremist: 0, perTemplate: 40, templates: ['{g} are so {adj}', 'all {g} are {adj}', 'i {hateverb} {g}', '{g} make me sick', 'i {hateverb} {g} so much', 'typical {g}, always {adj}', 'never trust {one}, they are all {adj}', '{g} are {adj} and i am sick of them'] },
  { functionality: 'hate-threat', hate: 1, extremist: 0, perTemplate: 40, templates: ['{g} should be {harm}', 'all {g} deserve to be {harm}', 'i want to see {g} {harm}', 'kill all {g}', 'death to {g}', '{g} do not deserve to live', 'someone should hurt {g}', "i'm going to hurt the next one of those {g} i see"] },
  { functionality: 'hate-question-opinion', hate: 1, extremist: 0, perTemplate: 30, templates: ['why are {g} so {adj}?', 'in my opinion {g} are {noun}', 'i think {g} are {adj}', 'is it just me or are {g} {noun}?', 'we all know {g} are {adj}'] },
  { functionality: 'hate-exclusion', hate: 1, extremist: 0, perTemplate: 30, templates: ['{g} should not be allowed in this country', 'get {g} out of our country', 'no {g} should ever be allowed near our children', '{g} do not belong here, send them all back'] },
  { functionality: 'hate-pronoun', hate: 1, extremist: 0, perTemplate: 25, templates: ['i met {one} today. they are all {noun}', "{g}? i can't stand them, they are {noun}", 'those {g} again. they are {adj}, every one of them'] },
];

const NOT_HATE: TemplateFamily[] = [
  { functionality: 'negated-hate', hate: 0, extremist: 0, perTemplate: 40, templates: ['{g} are not {noun}', 'i do not {hateverb} {g}', "i don't {hateverb} {g} at all", 'i would never say that {g} are {adj}', '{g} are not {adj}', 'no one should ever think {g} are {noun}', 'it is wrong to call {g} {noun}', 'i will never {hateverb} {g}', '{g} are not a threat to anyone', 'there is nothing {adj} about {g}'] },
  { functionality: 'counter-quote', hate: 0, extremist: 0, perTemplate: 40, templates: ['"{g} are {noun}" is a disgusting thing to say', 'someone wrote "{g} are {noun}" under my post. reported. hate has no place here', 'if you say "{g} are {noun}" you are the problem', 'saying {g} should be {harm} is hate speech and it has to stop', 'stop calling {g} {noun}. it is hateful and false', 'people who say {g} are {adj} should be ashamed of themselves', "i'm so tired of seeing posts saying {g} are {noun}", 'when people call {g} {noun} they are spreading hatred', 'calling {g} {noun} is bigotry, plain and simple', 'he said {g} should be {harm}. that is vile and i reported him'] },
  { functionality: 'counter-reference', hate: 0, extremist: 0, perTemplate: 30, templates: ['the hate that {g} face online is shocking', 'we must stand up against hatred of {g}', 'attacks on {g} have increased and that should worry all of us', 'your post about {g} is racist and you should delete it', 'spreading lies about {g} does real harm'] },
  { functionality: 'identity-positive', hate: 0, extremist: 0, perTemplate: 35, templates: ['{g} are {pos}', 'i love {g}', 'proud to stand with {g}', '{g} deserve respect and equal rights', 'my best friend is {one} and she is {pos}', 'we need more {g} in leadership', 'so grateful for the {g} in my life'] },
  { functionality: 'identity-neutral', hate: 0, extremist: 0, perTemplate: 35, templates: ['{g} celebrated {festival} together this weekend', 'as {one}, i think the new policy is fair', 'there are many {g} living in my town', 'the survey asked {g} about their working conditions', 'a new report looks at how {g} experience healthcare', '{g} make up a growing share of the workforce', 'i am {one} and i love cooking', 'the documentary follows three {g} over a year'] },
  { functionality: 'abuse-nonprotected', hate: 0, extremist: 0, perTemplate: 25, templates: ['{nonprot} are {noun}', 'i {hateverb} {nonprot}', '{nonprot} are so {adj}', 'i {hateverb} {thing}', '{thing} is {adj}', 'my boss is {adj} and i want to quit'] },
  { functionality: 'profanity-nonhate', hate: 0, extremist: 0, perTemplate: 15, templates: ['fuck yeah, we won the match!', 'holy shit this cake is amazing', 'what the hell happened to {thing}?', 'damn, i missed the bus again', 'this is so fucking good', 'shit, i forgot my keys'] },
];

const EXTREMIST: TemplateFamily[] = [
  { functionality: 'tco-incitement', hate: 0, extremist: 1, perTemplate: 35, templates: ['the brothers who attacked {place} in {city} are heroes. may many more follow their path', 'praise the martyrs of the {city} operation. the {target} will taste much more', 'what happened in {city} was glorious. do the same in your city', 'strike {target} wherever you find them, {city} must burn', 'rise up and kill {target}. the time for talk is over', 'every true believer should follow the example of the {city} martyrs', 'the attack on {place} was a blessed operation, may allah accept them and send more', 'the hero who shot up {place} showed us the way. who is next?'] },
  { functionality: 'tco-solicitation', hate: 0, extremist: 1, perTemplate: 35, templates: ['brothers, it is your duty to carry out an operation in {city}. use {weapon}', 'lone lions in {city}, attack {target} in their homes', 'anyone who can act should act now. target {place} with {weapon}', 'you do not need to travel. take {weapon} and kill {target} where you live', 'whoever can reach {place} should strike it before the holidays'] },
  { functionality: 'tco-participation', hate: 0, extremist: 1, perTemplate: 35, templates: ['make hijrah to the land of the caliphate, your brothers are waiting', 'join {grp} and fight with {fighters}', 'dm me if you want to join {fighters}, we arrange the travel to {country}', '{grp} needs fighters, doctors and engineers. come and join us', 'leave the land of the kuffar and join {fighters} in {country}', 'we are recruiting for {grp}. message us on telegram'] },
  { functionality: 'tco-funding', hate: 0, extremist: 1, perTemplate: 30, templates: ['send bitcoin to this wallet to arm {fighters}', 'donate now to equip {fighters}, every dollar buys bullets', 'support {grp} with your money, weapons are expensive', 'we are collecting funds for {fighters} in {country}, contact us to donate'] },
  { functionality: 'tco-instruction', hate: 0, extremist: 1, perTemplate: 30, templates: ['full manual: how to build an explosive vest to use against {target}. download here', 'learn how to turn {weapon} into a weapon for maximum casualties, guide inside', 'step by step guide to making a bomb for your operation in {city}', 'how to choose a crowded target and kill as many {target} as possible, read this', 'training video: how to use {weapon} in an attack on {place}'] },
  { functionality: 'tco-threat', hate: 0, extremist: 1, perTemplate: 35, templates: ['we will bomb {place} in {city} next week. you have been warned', 'your city will burn, {city}. our soldiers are already among you', 'we are coming for you, blood will flow in the streets of {city}', 'the next attack will be at {place}. nobody will be safe', '{target} of {city}, you will not sleep in peace. we are coming'] },
  { functionality: 'tco-coded', hate: 0, extremist: 1, perTemplate: 30, templates: ['the lions will visit {city} soon inshallah', 'baqiya wa tatamadad. the black flags will fly over {city}', 'time for the inghimasi to pay the crusaders a visit', 'the race war is coming, load up and be ready', 'the day of the rope is coming for the traitors', 'saint tarrant showed the way, we must accelerate', 'the boogaloo starts soon, bring your rifle', '1488, the white race must strike first'] },
];

const NOT_EXTREMIST: TemplateFamily[] = [
  { functionality: 'news', hate: 0, extremist: 0, perTemplate: 35, templates: ['{grp} claimed responsibility for the bombing in {city} that killed {n} people, police said', 'authorities arrested {n} suspects linked to {grp} in {city}', 'the attack on {place} in {city} left {n} dead, according to officials', 'a court in {city} sentenced a man for planning an attack on {place}', 'police say the suspect had watched propaganda videos from {grp}', 'airstrikes hit positions held by {grp} in {country}, the ministry said', 'the government raised the terror threat level after the attack in {city}'] },
  { functionality: 'research', hate: 0, extremist: 0, perTemplate: 30, templates: ['our study analyses recruitment propaganda by {grp} on social media', 'this paper examines how {grp} uses coded language online', 'researchers tracked how extremist channels glorify attacks after {city}', 'a new report explains how {grp} raises funds through cryptocurrency', 'the conference discussed radicalisation and how to prevent it'] },
  { functionality: 'condemnation', hate: 0, extremist: 0, perTemplate: 35, templates: ['the attack on {place} in {city} was an atrocity. our thoughts are with the victims', 'terrorists who murder civilians are not martyrs, they are criminals', 'there is nothing heroic about blowing up {place}', 'we will never let {grp} divide us', 'anyone who praises the {city} attack is sick', 'islam forbids killing innocents. {grp} do not speak for muslims', 'do not share the attack video, it is what {grp} want'] },
  { functionality: 'history', hate: 0, extremist: 0, perTemplate: 25, templates: ['in {year}, a bomb at {place} in {city} killed {n} people', 'the history of {grp} begins with the war in {country}', 'the campaign of violence ended with a peace agreement in {year}', 'in {year} the group was defeated and its leaders were put on trial'] },
  { functionality: 'fiction', hate: 0, extremist: 0, perTemplate: 25, templates: ['in my novel the villain plans to bomb {place}, and a detective has to stop him', 'the film follows a terrorist cell plotting an attack on {city}', 'in the game you defend {city} against waves of insurgents', 'the play shows how a young man is recruited and how his sister gets him out'] },
  { functionality: 'religion-neutral', hate: 0, extremist: 0, perTemplate: 25, templates: ['muslims around the world are celebrating {festival}', 'jihad also means the inner struggle to be a better person', 'the mosque in {city} holds an open day on saturday', 'inshallah i will pass my exams this year', 'allahu akbar, my sister just had a baby!', 'ramadan mubarak to all my muslim friends', 'the imam spoke about peace and charity at friday prayers', 'the synagogue and the church organised a joint food drive'] },
  { functionality: 'idiom', hate: 0, extremist: 0, perTemplate: 15, templates: ['that comedian absolutely killed it tonight', 'this new album is the bomb', 'i could murder a pizza right now', 'our team got slaughtered in the final', 'the traffic is killing me', 'her video blew up overnight', "let's attack this project first thing tomorrow", 'shoot me a message when you land', 'we are going to crush the competition this season', 'my boss is going to kill me for being late', 'this workout is murder on my legs', 'you nailed it, the speech was explosive'] },
  { functionality: 'polemic', hate: 0, extremist: 0, perTemplate: 25, templates: ['the war in {country} was a disaster and the ministers who started it should resign', 'western airstrikes in {country} killed civilians and must be investigated', 'i strongly oppose sending troops to {country}', 'the government uses the terror threat to take away our freedoms', 'we must fight this law at the ballot box and in the courts', 'our foreign policy created the chaos that groups like {grp} exploit'] },
  { functionality: 'countering', hate: 0, extremist: 0, perTemplate: 20, templates: ['if you see extremist propaganda online, report it', 'former fighters explain why they left {grp}', 'the recruiters of {grp} lie to young people. here is what really happens', 'we run workshops to help young people resist extremist recruitment'] },
];

/** The full training contrast set, with spelling-evasion variants of the harmful templates. */
export function buildContrastSet(seed = 20261122): WrittenExample[] {
  const base = expandFamilies([...HATE, ...NOT_HATE, ...EXTREMIST, ...NOT_EXTREMIST], FILLERS, seed, 'contrast');
  const random = seededRandom(seed + 1);
  const evasions = base
    .filter((e) => (e.hate === 1 || e.extremist === 1) && random() < 0.3)
    .map((e) => ({ ...e, id: `${e.id}-evasion`, text: evade(e.text, random), functionality: `${e.functionality}-evasion` }));
  return [...base, ...evasions];
}
