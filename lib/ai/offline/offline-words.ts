/** The offline extractor's word tables: plain data, read by offline-extractor.ts. */

const set = (words: string) => new Set(words.trim().split(/\s+/u));
/** "_" joins the words of a phrase ("machine_learning"). */
const keywords = (list: string) =>
  list
    .trim()
    .split(/\s+/u)
    .map((word) => word.replace(/_/gu, " "));

/** Objects that point at the conversation, not at a thing the user likes ("I love it"). */
export const OBJECT_STOP = set(
  "it it's this that these those you your him her them me my his their our when how what where why if nothing everything anything something there here itu ini kamu anda dia mereka kalian kalau ketika saat bagaimana apa yang",
);

/** "I'm a bit tired", "I'm a big fan" — not jobs. */
export const JOB_STOP = set(
  "bit little lot big huge fan person beginner newbie bot human real good bad great terrible total complete quick fast slow very",
);

/** Family members and pets, as the topic they are filed under. */
export const FAMILY_NOUNS: Record<string, string> = {
  kid: "children",
  kids: "children",
  child: "children",
  children: "children",
  anak: "children",
  son: "son",
  sons: "son",
  daughter: "daughter",
  daughters: "daughter",
  brother: "brother",
  brothers: "brother",
  sister: "sister",
  sisters: "sister",
  sibling: "siblings",
  siblings: "siblings",
  adik: "siblings",
  kakak: "siblings",
  dog: "dog",
  dogs: "dog",
  puppy: "dog",
  anjing: "dog",
  cat: "cat",
  cats: "cat",
  kitten: "cat",
  kucing: "cat",
  grandchildren: "grandchildren",
  grandkids: "grandchildren",
  cucu: "grandchildren",
};

/** What "forget my job" / "lupakan kota saya" points at. */
export const FORGET_SLOTS: Record<string, { category: string; topic: string }> = {
  job: { category: "work", topic: "job" },
  work: { category: "work", topic: "job" },
  occupation: { category: "work", topic: "job" },
  profession: { category: "work", topic: "job" },
  pekerjaan: { category: "work", topic: "job" },
  kerjaan: { category: "work", topic: "job" },
  profesi: { category: "work", topic: "job" },
  employer: { category: "work", topic: "employer" },
  company: { category: "work", topic: "employer" },
  perusahaan: { category: "work", topic: "employer" },
  kantor: { category: "work", topic: "employer" },
  city: { category: "location", topic: "city" },
  location: { category: "location", topic: "city" },
  address: { category: "location", topic: "city" },
  "where i live": { category: "location", topic: "city" },
  kota: { category: "location", topic: "city" },
  alamat: { category: "location", topic: "city" },
  domisili: { category: "location", topic: "city" },
  "tempat tinggal": { category: "location", topic: "city" },
  hometown: { category: "location", topic: "hometown" },
  "kampung halaman": { category: "location", topic: "hometown" },
  "kota asal": { category: "location", topic: "hometown" },
  name: { category: "other", topic: "name" },
  nama: { category: "other", topic: "name" },
  allergy: { category: "health", topic: "allergy" },
  allergies: { category: "health", topic: "allergy" },
  alergi: { category: "health", topic: "allergy" },
  diet: { category: "food", topic: "diet" },
};

/** Keywords of each category, for topics that are things ("sushi" → food). */
export const CATEGORY_WORDS: [string, string[]][] = [
  [
    "tech",
    keywords(`
      rust python javascript typescript java golang kotlin swift ruby php haskell elixir scala c++ c#
      sql programming coding software ai linux react next.js nextjs node.js computers komputer
      robotics gadgets tech technology teknologi pemrograman ngoding koding app apps website
      aplikasi machine_learning web_development`),
  ],
  [
    "food",
    keywords(`
      food foods sushi seafood ramen pizza pasta burger burgers coffee tea chocolate spicy rendang
      nasi_goreng sate satay bakso soto gado-gado tempe tahu tofu noodles rice fish meat chicken
      beef pork lamb vegetables veggies fruit fruits cheese kopi teh makanan pedas ikan daging ayam
      sapi babi kambing sayur sayuran buah durian mie nasi cooking baking memasak masak kue cake
      cakes dessert desserts peanuts kacang shrimp udang crab kepiting cilantro mushrooms jamur eggs
      telur milk susu dairy gluten wine beer curry kari steak salad bread roti onions bawang garlic
      martabak seblak cuisine masakan kuliner shellfish oysters tempura`),
  ],
  [
    "hobbies",
    keywords(`
      football soccer sepak_bola futsal basketball badminton bulu_tangkis tennis running lari
      jogging hiking mendaki swimming berenang cycling bersepeda yoga gym fitness chess catur
      gardening berkebun photography fotografi painting melukis drawing menggambar fishing memancing
      mancing camping climbing surfing diving menyelam guitar gitar piano music musik singing
      menyanyi dancing menari reading membaca knitting sports olahraga jazz k-pop kpop dangdut`),
  ],
  [
    "media",
    keywords(`
      movies movie films film anime manga k-drama drakor tv series netflix podcasts podcast books
      book buku novels novel comics komik games game video_games youtube`),
  ],
  ["travel", keywords("travel traveling travelling backpacking jalan-jalan beaches beach pantai")],
];

/** The category of "my favourite <what> is …". */
export const FAVOURITE_CATEGORIES: Record<string, string> = {
  food: "food",
  dish: "food",
  snack: "food",
  drink: "food",
  meal: "food",
  makanan: "food",
  minuman: "food",
  masakan: "food",
  movie: "media",
  film: "media",
  show: "media",
  series: "media",
  book: "media",
  buku: "media",
  author: "media",
  band: "media",
  song: "media",
  lagu: "media",
  artist: "media",
  singer: "media",
  anime: "media",
  game: "media",
  sport: "hobbies",
  olahraga: "hobbies",
  hobby: "hobbies",
  team: "hobbies",
  music: "hobbies",
  musik: "hobbies",
  genre: "hobbies",
  language: "tech",
  framework: "tech",
  editor: "tech",
  city: "travel",
  kota: "travel",
  country: "travel",
  place: "travel",
  destination: "travel",
};

/**
 * The statements the offline extractor knows, most specific first (the first rule that builds
 * something wins). Columns: language | what it stores | its detail | "list" when later bare
 * fragments are more items | the phrases a clause may open with (";"-separated).
 *
 * "What it stores" is `type category topic` — category "?" is guessed from the thing, "build"
 * from what is built; topic "thing" is the thing itself — or a builder with rules of its own
 * (@job, @diet, …). In the detail, {x} is what follows the phrase as the user wrote it, {last}
 * the phrase's last word, {w1}/{w2} the phrase from its second/third word, {art} its article.
 */
export const RULE_TABLE = `
en | dislike ? thing | dislikes {x} | list | i hate; i dislike; i detest; i loathe; i can not stand; i do not like; i do not enjoy; i do not eat
en | dislike ? thing | dislikes {x} | list | never suggest; never recommend; never mention; never offer; do not suggest; do not recommend; do not mention; do not offer; stop suggesting; stop recommending
en | fact health allergy | allergic to {x} | | i am allergic to
en | @diet | is {x} | | i am; i am a; i am an; i am a strict
en | @marital | is {x} | | i am
en | interest ? thing | is {w2} {x} | list | i am into; i am passionate about; i am interested in; i am obsessed with; i am a fan of; i am a big fan of; i am a huge fan of
en | goal education thing | is {w2} {x} | list | i am learning; i am studying
en | goal education thing | wants to learn {x} | list | i want to learn; i would like to learn; i plan to learn; i hope to learn; i am planning to learn; i want to study; i want to learn how to
en | goal build thing | wants to {last} {x} | | i want to build; i want to make; i want to create; i want to develop; i want to launch; i want to write; i would like to build
en | @travel | wants to visit {x} | list | i want to visit; i want to travel to; i want to go to; i would love to visit; i would like to visit
en | goal work career | wants to become {art}{x} | | i want to become; i want to become a; i want to become an; i want to be a; i want to be an
en | @job | works as {art}{x} | | i work as; i am working as; i work as a; i work as an
en | fact work employer | works at {x} | | i work at; i work for; i am working at; i am working for
en | fact location city | lives in {x} | | i live in; i am living in; i am based in; i am located in; i am staying in; i moved to; i have moved to; i relocated to
en | fact location hometown | is from {x} | | i am from; i come from; i was born in
en | @language | speaks {x} | list | i speak; i can speak; i am fluent in
en | @family | has {x} | | i have; i have got
en | @job | works as {art}{x} | | i am a; i am an
en | interest ? thing | {last}s {x} | list | i love; i like; i enjoy; i adore; i prefer
en | @favourite | favourite {what} is {x} | list | my favourite; my favorite; my all-time favourite; my absolute favourite
en | @name | is called {x} | | my name is; my name's; call me; you can call me
id | dislike ? thing | tidak suka {x} | list | saya tidak suka; saya tak suka; saya nggak suka; saya gak suka; saya kurang suka; saya tidak menyukai; saya tidak suka dengan; saya tidak suka sama; saya tidak terlalu suka
id | dislike food thing | tidak {last} {x} | list | saya tidak makan; saya tidak minum; saya tidak mengonsumsi
id | dislike ? thing | {w1} {x} | list | saya benci; saya membenci
id | dislike ? thing | tidak suka {x} | list | jangan sarankan; jangan menyarankan; jangan rekomendasikan; jangan merekomendasikan; jangan tawarkan; jangan menawarkan; jangan pernah sarankan
id | fact health allergy | alergi {x} | | saya alergi; saya punya alergi; saya alergi terhadap; saya alergi sama; saya alergi dengan
id | @diet | seorang {x} | | saya; saya seorang; saya adalah; saya adalah seorang
id | @marital | {w1} {x} | | saya; saya sudah; saya belum
id | goal education thing | ingin belajar {x} | list | saya ingin belajar; saya mau belajar; saya ingin mempelajari; saya berencana belajar; saya pengen belajar
id | goal education thing | sedang belajar {x} | list | saya sedang belajar; saya lagi belajar; saya sedang mempelajari
id | goal build thing | ingin membuat {x} | | saya ingin membuat; saya ingin membangun; saya ingin bikin; saya mau bikin; saya ingin mengembangkan
id | @travel | ingin mengunjungi {x} | list | saya ingin mengunjungi; saya ingin berkunjung ke; saya ingin jalan-jalan ke; saya ingin liburan ke; saya ingin pergi ke; saya ingin ke; saya mau ke
id | goal work career | ingin menjadi {x} | | saya ingin menjadi; saya ingin jadi; saya mau jadi; saya ingin menjadi seorang
id | @job | bekerja sebagai {x} | | saya bekerja sebagai; saya kerja sebagai; saya kerja jadi; saya bekerja sebagai seorang
id | fact work employer | bekerja di {x} | | saya bekerja di; saya bekerja pada; saya bekerja untuk; saya kerja di
id | @job | bekerja sebagai {x} | | saya seorang; saya adalah seorang
id | fact location city | tinggal di {x} | | saya tinggal di; saya menetap di; saya berdomisili di; saya pindah ke
id | fact location hometown | berasal dari {x} | | saya berasal dari; saya asli; saya lahir di
id | @language | berbicara {x} | list | saya bisa berbicara; saya berbicara; saya berbahasa; saya bicara; saya bisa berbahasa
id | @family | punya {x} | | saya punya; saya memiliki; saya mempunyai
id | interest ? thing | {w1} {x} | list | saya suka; saya senang; saya gemar; saya menyukai; saya mencintai; saya cinta; saya doyan; saya lebih suka; saya suka sekali; saya suka banget; saya tertarik dengan; saya tertarik pada
id | interest hobbies thing | hobi {x} | list | hobi saya; hobi saya adalah; hobiku
id | @favourite | {what} favorit: {x} | list | makanan favorit saya; minuman favorit saya; masakan favorit saya; film favorit saya; buku favorit saya; lagu favorit saya; band favorit saya; olahraga favorit saya; musik favorit saya; game favorit saya; kota favorit saya
id | @name | bernama {x} | | nama saya; nama saya adalah; namaku
`;
