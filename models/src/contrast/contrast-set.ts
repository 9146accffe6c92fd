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
  noun: ['vermin', 'parasites', 'animals', 'a plague', 'scum', 'subhuman', 'filth', 'cockroaches', 'a disease', 'rats', 'savages', 'a cancer on society', 'trash', 'pigs', 'insects', 'termites', 'lice', 'hyenas', 'dogs', 'apes', 'swine', 'germs', 'an infection', 'a tumour', 'bacteria', 'weeds', 'garbage', 'waste', 'barbarians', 'degenerates', 'freaks', 'mongrels', 'invaders', 'monsters', 'snakes', 'a pestilence'],
  adj: ['disgusting', 'worthless', 'evil', 'dirty', 'stupid', 'inferior', 'pathetic', 'dangerous', 'repulsive', 'useless', 'subhuman', 'revolting', 'sick', 'retarded', 'idiotic', 'rotten', 'nasty', 'hideous', 'gross', 'savage'],
  harm: ['killed', 'exterminated', 'wiped out', 'hanged', 'shot', 'gassed', 'burned', 'eradicated', 'thrown out of the country', 'locked up in camps', 'lynched', 'beaten to death', 'deported by force', 'sterilised', 'hunted down', 'wiped off the earth', 'crushed', 'stabbed'],
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
  neg: ['nobody', 'no one', 'none of us', 'not a single person here'],
  attackers: ['the terrorists', 'the attackers', 'the bombers', 'the gunmen', 'these murderers', 'the killers'],
  insult: ['cowards', 'murderers', 'scum', 'monsters', 'criminals', 'evil men'],
  act: ['stab', 'shoot', 'run over', 'blow up', 'behead', 'burn', 'slaughter'],
  day: ['friday', 'tomorrow', 'next week', 'on new year', 'during the match', 'tonight'],
  carnage: ['a bloodbath', 'a massacre', 'a sea of blood', 'ashes', 'a cemetery', 'rubble'],
  kill: ['kill', 'slaughter', 'massacre', 'destroy', 'wipe out', 'attack', 'hit', 'strike'],
  praise: ['heroes', 'lions', 'legends', 'martyrs', 'champions of the faith', 'true men'],
  policy: ['the new law', 'the police', 'the government', 'the ban', 'the new border policy', 'the stop and search policy'],
};

const HATE: TemplateFamily[] = [
  { functionality: 'hate-dehumanise', hate: 1, extremist: 0, perTemplate: 60, templates: ['{g} are {noun}', 'all {g} are {noun}', 'honestly {g} are nothing but {noun}', '{g} are {noun} and always will be', 'face it, {g} are {noun}'] },
  { functionality: 'hate-derogate', hate: 1, extremist: 0, perTemplate: 40, templates: ['{g} are so {adj}', 'all {g} are {adj}', 'i {hateverb} {g}', '{g} make me sick', 'i {hateverb} {g} so much', 'typical {g}, always {adj}', 'never trust {one}, they are all {adj}', '{g} are {adj} and i am sick of them'] },
  { functionality: 'hate-threat', hate: 1, extremist: 0, perTemplate: 55, templates: ['{g} should be {harm}', 'all {g} deserve to be {harm}', 'i want to see {g} {harm}', 'kill all {g}', 'death to {g}', '{g} do not deserve to live', 'someone should hurt {g}', "i'm going to hurt the next one of those {g} i see"] },
  { functionality: 'hate-question-opinion', hate: 1, extremist: 0, perTemplate: 30, templates: ['why are {g} so {adj}?', 'in my opinion {g} are {noun}', 'i think {g} are {adj}', 'is it just me or are {g} {noun}?', 'we all know {g} are {adj}'] },
  { functionality: 'hate-exclusion', hate: 1, extremist: 0, perTemplate: 30, templates: ['{g} should not be allowed in this country', 'get {g} out of our country', 'no {g} should ever be allowed near our children', '{g} do not belong here, send them all back'] },
  { functionality: 'hate-threat-personal', hate: 1, extremist: 0, perTemplate: 25, templates: ['the {g} next door will get what they deserve, i will see to it', 'if i see any {g} tonight i will beat them', 'we should round up the {g} and make them pay', 'one day the {g} will be hunted down like animals', 'let us burn the houses of the {g}', 'i hope every one of the {g} gets {harm}'] },
  { functionality: 'hate-stereotype', hate: 1, extremist: 0, perTemplate: 25, templates: ['{g} are all criminals and rapists', '{g} are too stupid to be trusted with anything', 'the problem with this country is the {g}', '{g} are a burden on society and always will be', 'you can never trust {g}, it is in their nature', '{g} are not real people'] },
  { functionality: 'hate-varied', hate: 1, extremist: 0, perTemplate: 25, templates: ['{g} should be driven out with violence', "let's make the {g} suffer", '{g} deserve a beating', 'the world would be better without {g}', '{g} are {noun}, nothing more', 'i would never let {one} into my home, they are {noun}', '{g} are a disgrace to humanity', 'we need to cleanse this country of {g}'] },
  { functionality: 'hate-pronoun', hate: 1, extremist: 0, perTemplate: 25, templates: ['i met {one} today. they are all {noun}', "{g}? i can't stand them, they are {noun}", 'those {g} again. they are {adj}, every one of them'] },
];

const NOT_HATE: TemplateFamily[] = [
  { functionality: 'negated-hate', hate: 0, extremist: 0, perTemplate: 40, templates: ['{g} are not {noun}', 'i do not {hateverb} {g}', "i don't {hateverb} {g} at all", 'i would never say that {g} are {adj}', '{g} are not {adj}', 'no one should ever think {g} are {noun}', 'it is wrong to call {g} {noun}', 'i will never {hateverb} {g}', '{g} are not a threat to anyone', 'there is nothing {adj} about {g}'] },
  { functionality: 'counter-quote', hate: 0, extremist: 0, perTemplate: 40, templates: ['"{g} are {noun}" is a disgusting thing to say', 'someone wrote "{g} are {noun}" under my post. reported. hate has no place here', 'if you say "{g} are {noun}" you are the problem', 'saying {g} should be {harm} is hate speech and it has to stop', 'stop calling {g} {noun}. it is hateful and false', 'people who say {g} are {adj} should be ashamed of themselves', "i'm so tired of seeing posts saying {g} are {noun}", 'when people call {g} {noun} they are spreading hatred', 'calling {g} {noun} is bigotry, plain and simple', 'he said {g} should be {harm}. that is vile and i reported him'] },
  { functionality: 'negated-hate-2', hate: 0, extremist: 0, perTemplate: 30, templates: ['{neg} believes that {g} are {noun}', "it's simply not true that {g} are {adj}", "i refuse to accept that {g} are {noun}", 'it is a lie that {g} are {noun}', 'who says {g} are {adj}? certainly not me', 'i disagree that {g} are {noun}, they are people like us', '{g} should never be {harm}', 'no one deserves to be {harm}, including {g}', 'i would never hurt {g}', 'i do not think {g} are {adj} at all', 'i used to think {g} were {adj}, i was wrong'] },
  { functionality: 'counter-narrative', hate: 0, extremist: 0, perTemplate: 30, templates: [
    'not all {g} are {adj}, most are ordinary people like you and me', 'it is a myth that {g} are {noun}; the evidence says otherwise', '{g} pay taxes, work hard and contribute to this country',
    'blaming all {g} for the actions of a few is wrong', 'statistics show that {g} are no more likely to commit crimes than anyone else', 'generalising about {g} is exactly how prejudice starts',
    '{g} have the same rights as everyone else, and that is not up for debate', 'hatred of {g} has led to violence before, we should learn from history', 'what evidence do you have that {g} are {adj}? none',
    'calling {g} {noun} dehumanises real people with real families', 'i understand you are angry, but {g} are not the cause of your problems', '{g} are human beings, not {noun}',
    'the idea that {g} are taking over is a conspiracy theory', 'treating {g} as a threat only spreads fear and division', 'if you actually met some {g} you would see they are not {adj}',
  ] },
  { functionality: 'counter-narrative-specific', hate: 0, extremist: 0, perTemplate: 1, templates: [
    'islam does not teach violence, and most muslims reject terrorism', 'antisemitism is on the rise and jews deserve our solidarity', 'women are as capable as men in every profession',
    'trans people just want to live their lives in peace', 'immigrants fill jobs that our economy badly needs', 'gay couples raise children just as well as anyone else',
    'refugees are fleeing war, they are not criminals', 'muslims are not terrorists, terrorists are terrorists', 'disabled people deserve access, not pity',
    'black people have faced discrimination for centuries and it is still happening', 'the holocaust happened and denying it insults the victims', 'migrants commit fewer crimes than people claim, look at the data',
    'being gay is not a choice and not a disease', 'muslim women who wear the hijab are not oppressed by default, ask them', 'jews do not control the media, that is an old antisemitic lie',
    'women are not property and they do not owe anyone anything', 'the great replacement is a racist conspiracy theory', 'roma families have lived here for generations and are part of our society',
  ] },
  { functionality: 'counter-reference', hate: 0, extremist: 0, perTemplate: 30, templates: ['the hate that {g} face online is shocking', 'we must stand up against hatred of {g}', 'attacks on {g} have increased and that should worry all of us', 'your post about {g} is racist and you should delete it', 'spreading lies about {g} does real harm'] },
  { functionality: 'identity-positive', hate: 0, extremist: 0, perTemplate: 35, templates: ['{g} are {pos}', 'i love {g}', 'proud to stand with {g}', '{g} deserve respect and equal rights', 'my best friend is {one} and she is {pos}', 'we need more {g} in leadership', 'so grateful for the {g} in my life'] },
  { functionality: 'identity-positive-2', hate: 0, extremist: 0, perTemplate: 25, templates: ['{g} have enriched our culture', 'our {g} neighbours are great people', '{g} make our country stronger', 'i am proud of the {g} in my family', 'the {g} i work with are brilliant', 'we celebrate the contributions of {g}'] },
  { functionality: 'negated-hate-3', hate: 0, extremist: 0, perTemplate: 25, templates: ["{g} aren't {noun}", 'never call {g} {noun}', "i don't agree that {g} are {adj}", 'it is wrong to claim that {g} are {noun}', "{g} are not {noun}, stop spreading hate", "i'd never say {g} should be {harm}"] },
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
  { functionality: 'tco-incitement-2', hate: 0, extremist: 1, perTemplate: 25, templates: ['{attackers} of {city} are our heroes, may allah accept their martyrdom', 'what a blessed day, {city} is burning. more of this please', 'may allah accept the shahid who struck {place}. let us all be like him', 'the blood of {target} is halal, go and spill it', 'a true muslim would {act} {target} without hesitation', 'every {target} in {city} is a legitimate target. act', 'we pray the next operation hits {place} even harder'] },
  { functionality: 'tco-solicitation-2', hate: 0, extremist: 1, perTemplate: 25, templates: ['go out and {act} {target} in {city}, it is your duty', 'o muslims in the west, {act} them in their streets', 'pick up {weapon} and {act} as many {target} as you can', 'i am asking you, brother: {act} them before {day}', 'whoever lives in {city} and does nothing is a coward. strike'] },
  { functionality: 'tco-participation-2', hate: 0, extremist: 1, perTemplate: 25, templates: ['the caliphate calls you, pack your bags and come to {country}', 'brothers and sisters, hijrah is an obligation. we will help you cross the border', 'become one of {fighters}, contact the brother on telegram', 'pledge allegiance to {grp} and come fight with us', 'we need more men in {country}, the jihad is waiting for you'] },
  { functionality: 'tco-instruction-2', hate: 0, extremist: 1, perTemplate: 20, templates: ['here is how to make a bomb with things from the hardware store, use it on {target}', 'mujahid training: how to {act} {target} with {weapon}, part 2', 'the ingredients and steps for an explosive belt are in this file, share it with the brothers', 'how to plan an attack on {place} without getting caught, a guide'] },
  { functionality: 'tco-threat-2', hate: 0, extremist: 1, perTemplate: 25, templates: ['{city} will be next. we will {act} you all {day}', 'there is a bomb in {place}. it goes off {day}', 'we know where you live, {target}. your blood will flow {day}', 'this is a warning to {city}: the soldiers of the caliphate will strike {place} {day}', 'you will pay with your lives for what you did. {city}, wait for us'] },
  { functionality: 'tco-funding-2', hate: 0, extremist: 1, perTemplate: 20, templates: ['equip a mujahid: your donation buys a rifle. send to the account below', 'sadaqah for the fighters of {grp}, transfer via western union', 'the brothers in {country} need money for weapons and ammunition, give generously'] },
  { functionality: 'tco-varied', hate: 0, extremist: 1, perTemplate: 30, templates: [
    'we will turn {city} into {carnage}', '{place} will become {carnage} when our brothers arrive', 'your children will not be safe, {city}. we are coming to {kill} you',
    'the ones who {kill}ed {target} at {place} are {praise}, follow them', 'there will be {carnage} at {place} {day}, stay away if you are a believer',
    'it is time to {kill} {target}. who is with me?', 'let us {kill} {target} in {city} like our brothers did in {city}', 'any brother with {weapon} can {kill} {target}, no excuses',
    'travel to {country} and join the ranks of {grp}, the door is open', 'send your sons to fight for {grp}', 'those who die fighting for {grp} are {praise}',
    'download the guide and learn to make explosives for the next operation', 'print this guide and practise with {weapon} before the attack',
    'pay for the weapons of {fighters}, allah will reward you', 'a message to {target}: we will {kill} you in your own streets',
  ] },
  { functionality: 'tco-threat-instruction-3', hate: 0, extremist: 1, perTemplate: 25, templates: [
    'no one in {city} is safe, our men are already inside {place}', 'the streets of {city} will run red {day}', 'you have been warned, {city}. {day} the killing starts',
    '{place} will be full of corpses {day}', 'we have chosen our target in {city}. you will see {day}', 'every visitor to {place} is a target now',
    'this video shows how to build a device to blow up {place}', 'learn to make a detonator and use it against {target}, full tutorial', 'mix the chemicals as shown in the file and you have a bomb for the operation',
    'tips for the lone attacker: pick a crowd, use {weapon}, do not stop', 'a manual for making poison to kill {target}, shared for the brothers',
  ] },
  { functionality: 'tco-coded', hate: 0, extremist: 1, perTemplate: 30, templates: ['the lions will visit {city} soon inshallah', 'baqiya wa tatamadad. the black flags will fly over {city}', 'time for the inghimasi to pay the crusaders a visit', 'the race war is coming, load up and be ready', 'the day of the rope is coming for the traitors', 'saint tarrant showed the way, we must accelerate', 'the boogaloo starts soon, bring your rifle', '1488, the white race must strike first'] },
];

const NOT_EXTREMIST: TemplateFamily[] = [
  { functionality: 'news', hate: 0, extremist: 0, perTemplate: 35, templates: ['{grp} claimed responsibility for the bombing in {city} that killed {n} people, police said', 'authorities arrested {n} suspects linked to {grp} in {city}', 'the attack on {place} in {city} left {n} dead, according to officials', 'a court in {city} sentenced a man for planning an attack on {place}', 'police say the suspect had watched propaganda videos from {grp}', 'airstrikes hit positions held by {grp} in {country}, the ministry said', 'the government raised the terror threat level after the attack in {city}'] },
  { functionality: 'research', hate: 0, extremist: 0, perTemplate: 30, templates: ['our study analyses recruitment propaganda by {grp} on social media', 'this paper examines how {grp} uses coded language online', 'researchers tracked how extremist channels glorify attacks after {city}', 'a new report explains how {grp} raises funds through cryptocurrency', 'the conference discussed radicalisation and how to prevent it'] },
  { functionality: 'condemnation', hate: 0, extremist: 0, perTemplate: 35, templates: ['the attack on {place} in {city} was an atrocity. our thoughts are with the victims', 'terrorists who murder civilians are not martyrs, they are criminals', 'there is nothing heroic about blowing up {place}', 'we will never let {grp} divide us', 'anyone who praises the {city} attack is sick', 'islam forbids killing innocents. {grp} do not speak for muslims', 'do not share the attack video, it is what {grp} want'] },
  { functionality: 'condemnation-2', hate: 0, extremist: 0, perTemplate: 30, templates: ['{attackers} who hit {place} in {city} are {insult}', '{attackers} are {insult} and must face justice', 'i hope {attackers} rot in prison for what they did in {city}', 'no religion justifies what {attackers} did', 'those who glorify {attackers} are sick', 'the so-called martyrs of {city} are just {insult}'] },
  { functionality: 'history', hate: 0, extremist: 0, perTemplate: 25, templates: ['in {year}, a bomb at {place} in {city} killed {n} people', 'the history of {grp} begins with the war in {country}', 'the campaign of violence ended with a peace agreement in {year}', 'in {year} the group was defeated and its leaders were put on trial'] },
  { functionality: 'fiction', hate: 0, extremist: 0, perTemplate: 25, templates: ['in my novel the villain plans to bomb {place}, and a detective has to stop him', 'the film follows a terrorist cell plotting an attack on {city}', 'in the game you defend {city} against waves of insurgents', 'the play shows how a young man is recruited and how his sister gets him out'] },
  { functionality: 'religion-neutral', hate: 0, extremist: 0, perTemplate: 25, templates: ['muslims around the world are celebrating {festival}', 'jihad also means the inner struggle to be a better person', 'the mosque in {city} holds an open day on saturday', 'inshallah i will pass my exams this year', 'allahu akbar, my sister just had a baby!', 'ramadan mubarak to all my muslim friends', 'the imam spoke about peace and charity at friday prayers', 'the synagogue and the church organised a joint food drive'] },
  { functionality: 'idiom', hate: 0, extremist: 0, perTemplate: 15, templates: ['that comedian absolutely killed it tonight', 'this new album is the bomb', 'i could murder a pizza right now', 'our team got slaughtered in the final', 'the traffic is killing me', 'her video blew up overnight', "let's attack this project first thing tomorrow", 'shoot me a message when you land', 'we are going to crush the competition this season', 'my boss is going to kill me for being late', 'this workout is murder on my legs', 'you nailed it, the speech was explosive'] },
  { functionality: 'polemic', hate: 0, extremist: 0, perTemplate: 25, templates: ['the war in {country} was a disaster and the ministers who started it should resign', 'western airstrikes in {country} killed civilians and must be investigated', 'i strongly oppose sending troops to {country}', 'the government uses the terror threat to take away our freedoms', 'we must fight this law at the ballot box and in the courts', 'our foreign policy created the chaos that groups like {grp} exploit'] },
  { functionality: 'polemic-identity', hate: 0, extremist: 0, perTemplate: 25, templates: ['{policy} treats all {g} as suspects and that is discrimination', '{policy} is unfair to {g} and should be scrapped', '{g} are stopped by the police far more often than others, this must end', 'politicians use {g} as scapegoats for their own failures', 'the media paints {g} as dangerous, which is simply false', 'i am angry at how {policy} hurts {g}'] },
  { functionality: 'identity-neutral-2', hate: 0, extremist: 0, perTemplate: 25, templates: ['two {g} opened a bakery down the road', 'the {g} living nearby invited us to dinner', 'a group of {g} started a football club in our town', 'the report counts how many {g} work in public services', '{one} was elected to the city council', 'i asked {one} for directions and she was very helpful'] },
  { functionality: 'places-neutral', hate: 0, extremist: 0, perTemplate: 25, templates: ['we visited {place} in {city} on our holiday', 'the {festival} celebration at {place} in {city} was lovely', 'i have lived in {city} for ten years and love it', 'traffic near {place} in {city} is terrible today', 'friday prayers at the mosque in {city} were packed', 'the choir sang at the church in {city} last night', 'there is a new exhibition at {place} in {city}', 'meet me outside {place} at six', 'the match at {place} in {city} ended in a draw', 'my cousin works at {place} in {city}'] },
  { functionality: 'religion-neutral-2', hate: 0, extremist: 0, perTemplate: 20, templates: ['we broke our fast with dates and water at sunset', 'the rabbi and the imam spoke together about peace', 'my grandmother prays five times a day and volunteers at the food bank', 'the priest blessed the new school building', 'the sheikh reminded us to be kind to our neighbours', 'alhamdulillah, we finally bought a house', 'the mosque collected blankets for refugees in {city}', 'reading the quran with my kids every evening this ramadan', 'the temple in {city} opens its kitchen to everyone on sundays'] },
  { functionality: 'news-2', hate: 0, extremist: 0, perTemplate: 25, templates: ['prosecutors say the suspect planned the attack on {place} for months', 'the trial of the men accused of plotting to bomb {place} began in {city}', 'investigators found bomb-making material in a flat in {city}', 'the victims of the {city} attack were remembered at a ceremony', '{grp} has lost most of its territory in {country}, analysts say', 'the security services foiled a plot against {place}', 'a survivor of the {city} bombing tells her story'] },
  { functionality: 'fiction-2', hate: 0, extremist: 0, perTemplate: 20, templates: ['in the thriller, the bomber plants a device at {place} and the hero has one hour', 'the villain of the novel wants to destroy {city}', 'season two: the agent goes undercover in a terrorist cell in {city}', 'my short story is about a girl who stops her brother from joining {grp}', 'the game lets you defuse bombs across {city}'] },
  { functionality: 'countering', hate: 0, extremist: 0, perTemplate: 20, templates: ['if you see extremist propaganda online, report it', 'former fighters explain why they left {grp}', 'the recruiters of {grp} lie to young people. here is what really happens', 'we run workshops to help young people resist extremist recruitment'] },
];

/** Framings that turn a harmful sentence into counter-speech, reporting or research. */
const HATE_FRAMES = [
  'someone posted "{x}" and i reported it',
  '"{x}"? that is disgusting bigotry',
  'i am shocked that people still write things like "{x}"',
  'the man shouted "{x}" and was arrested for hate speech',
  'do not say "{x}". it is hateful and wrong',
  'it is not true that {x}',
  'nobody should ever say {x}',
  'my post was flooded with comments like "{x}". this has to stop',
];
const TCO_FRAMES = [
  'police say the channel posted "{x}" before the attack',
  'the study collected posts such as "{x}" to understand radicalisation',
  'the court heard that he had written "{x}"',
  'messages like "{x}" are terrorist propaganda. report them',
  'the documentary shows recruiters saying "{x}" to teenagers',
  'we must counter lies like "{x}" with facts',
];

function framed(examples: WrittenExample[], random: () => number): WrittenExample[] {
  const out: WrittenExample[] = [];
  for (const e of examples) {
    if (random() > 0.35) continue;
    const frames = e.extremist ? TCO_FRAMES : HATE_FRAMES;
    const frame = frames[Math.floor(random() * frames.length)]!;
    const inner = e.text.charAt(0).toLowerCase() + e.text.slice(1);
    const text = frame.replace('{x}', inner);
    out.push({ id: `${e.id}-framed`, text: text.charAt(0).toUpperCase() + text.slice(1), hate: 0, extremist: 0, functionality: e.extremist ? 'tco-framed' : 'counter-framed' });
  }
  return out;
}

/** The full training contrast set, with spelling-evasion variants of the harmful templates. */
export function buildContrastSet(seed = 20261122): WrittenExample[] {
  const base = expandFamilies([...HATE, ...NOT_HATE, ...EXTREMIST, ...NOT_EXTREMIST], FILLERS, seed, 'contrast');
  const random = seededRandom(seed + 1);
  const evasions = base
    .filter((e) => (e.hate === 1 || e.extremist === 1) && random() < 0.3)
    .map((e) => ({ ...e, id: `${e.id}-evasion`, text: evade(e.text, random), functionality: `${e.functionality}-evasion` }));
  const harmful = base.filter((e) => e.hate === 1 || e.extremist === 1);
  return [...base, ...evasions, ...framed(harmful, random)];
}
