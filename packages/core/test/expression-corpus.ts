// The expressions the differential tests evaluate (detached ASTs in expressions.test.ts, compiled ASTs
// in compiled.test.ts), with their input and bindings: one or more per construct of JSONata.

export const input = {
  name: "Nguyễn Văn An",
  born: "1990-05-17",
  fee: 150000,
  members: [
    { name: "An", relation: "chủ hộ", age: 36, tags: ["a", "b"] },
    { name: "Bình", relation: "vợ", age: 34, tags: ["b"] },
    { name: "Chi", relation: "con", age: 8, tags: [] },
  ],
  address: { province: "01", commune: "00004", lines: ["Số 1", "Phố Huế"] },
  flags: { urgent: true, online: false },
};
export const bindings = { citizen: { id: "001090012345", residence: { province: "01" } }, today: "2026-11-23", index: 1 };

/** One or more expressions per construct of the language. */
export const CORPUS = [
  "name",
  "$citizen.residence.province",
  "address.province = $citizen.residence.province",
  "$not(flags.urgent) or flags.online",
  "fee * 1.1 + 5 - 3 / 2 % 2",
  "-fee",
  "'Họ tên: ' & name & ' (' & $string(fee) & ')'",
  "members.name",
  "members[age > 18].name",
  "members[0].name",
  "members[-1].tags[0]",
  "members[relation in ['vợ', 'chồng']].name",
  "$count(members[age < 18])",
  "$sum(members.age) / $count(members)",
  "members^(>age).name",
  "members^(relation, <name)[0]",
  "members{relation: name}",
  "members{relation: $count(name)}",
  "members.{'who': name, 'adult': age >= 18}",
  "[1..5].($ * $)",
  "[1, 2, 3][$ > 1]",
  "members#$i[$i > 0].name",
  "members@$m.tags@$t.{'m': $m.name, 't': $t}",
  "members.tags.%.name",
  "members.tags.%.%.fee",
  "fee > 100000 ? 'cao' : 'thấp'",
  "flags.urgent ? 'khẩn'",
  "($x := fee * 2; $y := $x + 1; $y)",
  "(function($a, $b) { $a + $b })(1, 2)",
  "($f := function($n) { $n <= 1 ? 1 : $n * $f($n - 1) }; $f(10))",
  "($add := function($a, $b) { $a + $b }; $inc := $add(?, 1); $inc(41))",
  "($twice := λ($f){ λ($x){ $f($f($x)) } }; $twice(λ($v){ $v * 3 })(2))",
  "($g := function($s)<s:s> { $uppercase($s) }; $g(name))",
  "name ~> $substringBefore(' ') ~> $lowercase()",
  "members.name ~> $join(', ')",
  "($chain := $trim ~> $uppercase; $chain('  an  '))",
  "$map(members, function($m, $i) { $m.name & $i })",
  "$filter(members, function($m) { $m.age > 10 }).name",
  "$reduce(members.age, function($a, $b) { $a + $b }, 0)",
  "$sort(members, function($l, $r) { $l.age > $r.age }).name",
  "$ ~> |address|{'province': '79'}, ['lines']|",
  "$ ~> |members|{'adult': age >= 18}|",
  "$match(address.commune, /0+(\\d+)/).groups",
  "$replace(name, /\\s+/, '-')",
  "$contains(name, /văn/i)",
  "address.lines[$contains($, 'Phố')]",
  "$keys(address)",
  "$lookup(flags, 'urgent')",
  "$spread(flags)",
  "$merge([{'a': 1}, {'b': 2}])",
  "$each(flags, function($v, $k) { $k & '=' & $string($v) })",
  "$distinct(members.tags)",
  "$exists(address.street)",
  "$type(members)",
  "$formatNumber(fee, '#,##0')",
  "$formatInteger(2026, 'w')",
  "$toMillis(born) < $toMillis($today)",
  "$fromMillis(0, '[Y0001]-[M01]-[D01]')",
  "$number('12') + ($boolean('x') ? 1 : 0)",
  "$substring(name, 0, 6)",
  "$pad(address.commune, 8, '0')",
  "$split(born, '-')[0]",
  "$zip([1, 2], ['a', 'b'])",
  "$append(members[0].tags, 'c')",
  "$single(members, function($m) { $m.relation = 'con' }).name",
  "$sift(address, function($v) { $type($v) = 'string' })",
  "$average(members.age) > 20 and $max(members.age) < 40 and $min(members.age) >= 8",
  "**.province",
  "*.province",
  "members[tags = 'b'].name",
  "$index + 1",
  "`address`.`province`",
  "{ 'total': $sum(members.age), 'names': [members.name] }",
  "[members.name, 'Dũng']",
  "$string({'x': [1, true, null]})",
  "($assert(fee > 0, 'fee'); fee)",
  "null",
  "'a' != 'b' and 1 <= 2 and 3 >= 3 and 2 > 1",
  "($up := $trim ~> $uppercase; $up(name))",
  "name ~> $substring(0, 3)",
  "($first2 := $substring(?, 0, 2); $first2(name))",
];

/** Runs `evaluate` and returns the value or the error's code, as JSON text (jsonata's sequences become arrays). */
export async function outcome(evaluate: () => Promise<unknown>): Promise<string> {
  try {
    const value = await evaluate();
    return JSON.stringify({ value }, (_key, v: unknown) => (typeof v === "function" ? "<function>" : v));
  } catch (error) {
    return JSON.stringify({ error: (error as { code?: string }).code ?? String(error) });
  }
}

