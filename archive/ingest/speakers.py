"""Who gave a speech: the name as the text writes it and the office, normalised.

Read from the title ("县人大主任陈世斌在…上的讲话"), the byline ("略阳县人民政府县长刘文荣",
"李 紀 言" alone on a line), the opening and the signature. Offices are normalised to one
simplified spelling so 县委书记, 縣委書記 and a bare 书记 in a county text are one role;
names are never guessed: ××, XX, *** mean unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.ingest.script import to_simplified
from archive.ingest.types import LEVEL_COUNTY, LEVEL_DISTRICT

_UNIT = "[县区旗市]"
_ONE_ROLE = (
    rf"(?:{_UNIT}委(?:常务)?副书记|{_UNIT}委书记|{_UNIT}纪委书记|{_UNIT}委常委"
    rf"|{_UNIT}人大(?:常委会)?(?:副)?主任|{_UNIT}政协(?:副)?主席"
    rf"|(?:常务副|代|副)?{_UNIT}长)"
)
ROLE_RE = re.compile(rf"{_ONE_ROLE}(?:[、,，]{_ONE_ROLE})*")
# A name: two to four characters (a spaced byline "李 紀 言" too), ended by what follows a
# name in a title or byline.
_NAME = r"(?P<name>[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,3}?)"
_NAME_END = r"(?=\s*(?:在|同志|[:：(（]|主持|出席|讲话|发言|致辞|表示|指出|强调|代表|的|向|$))"
_ROLE_NAME_RE = re.compile(rf"(?P<role>{ROLE_RE.pattern})\s*{_NAME}{_NAME_END}")
_ANONYMOUS = r"(?:[×xXＸ✕＊*]{1,4}|某某|某|ＸＸ)"
_ROLE_ANON_RE = re.compile(rf"(?P<role>{ROLE_RE.pattern})\s*{_ANONYMOUS}")
_ANON_ROLE_RE = re.compile(rf"{_ANONYMOUS}\s*(?P<role>{ROLE_RE.pattern})")
_LONE_NAME_RE = re.compile(r"^[\u4e00-\u9fff](?:\s*[\u4e00-\u9fff]){1,2}$")
_TITLE_ROLE_RE = re.compile(rf"^(?:政府)?(?P<role>{ROLE_RE.pattern})")

# Common single-character surnames (about 95 % of people): a lone two-to-three character line
# in a byline is taken as a name only when it starts with one, so 讲话 or 目录 never is.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚"
    "邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左"
    "柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈"
    "饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵"
    "苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)

_LEVEL_UNITS = {LEVEL_COUNTY: "县", LEVEL_DISTRICT: "区"}
SIGNATURE_PARAGRAPHS = 2
OPENING_CHARS = 160
SIGNATURE_CHARS = 40


@dataclass
class SpeakerGuess:
    name: str = ""  # as written, spaces removed; "" when unknown or anonymised
    role: str = ""  # normalised (simplified; 县人大主任 → 县人大常委会主任)
    anonymised: bool = False


def normalize_role(role: str, level: str | None = None) -> str:
    """One spelling per office: simplified script, 县人大主任 → 县人大常委会主任, a bare 书记 →
    县委书记/区委书记 when the level is known; compound offices keep their order
    (区委常委、副区长)."""
    if not role or not role.strip():
        return ""
    simple = re.sub(r"\s+", "", to_simplified(role))
    parts = [part for part in re.split("[、,，]", simple) if part]
    unit = _LEVEL_UNITS.get(level or "", "")
    normalised = []
    for part in parts:
        part = re.sub(r"^(?:政府|人民政府)", "", part)
        part = re.sub(rf"^({_UNIT})人大(副)?主任$", r"\1人大常委会\2主任", part)
        if part in ("书记", "党委书记") and unit:
            part = f"{unit}委书记"
        normalised.append(part)
    return "、".join(normalised)


def _clean_name(name: str) -> str:
    return re.sub(r"\s+", "", name)


def _is_name(name: str) -> bool:
    return 2 <= len(name) <= 4 and name[0] in SURNAMES and not ROLE_RE.search(name)


def extract_speaker(
    title: str,
    byline: list[str] | tuple[str, ...] = (),
    paragraphs: list[str] | tuple[str, ...] = (),
    level: str | None = None,
) -> SpeakerGuess:
    texts = [title, *byline]
    if paragraphs:
        texts.append(paragraphs[0][:OPENING_CHARS])
        # A signature is a short line of its own; a role inside the prose of the last
        # paragraph is someone the speech talks about.
        texts += [p for p in paragraphs[-SIGNATURE_PARAGRAPHS:] if len(p) <= SIGNATURE_CHARS]
    role = ""
    for text in texts:
        simple = to_simplified(text)
        original = text if len(simple) == len(text) else simple
        for match in _ROLE_NAME_RE.finditer(simple):
            name = _clean_name(original[match.start("name") : match.end("name")])
            if _is_name(to_simplified(name)):
                return SpeakerGuess(name=name, role=normalize_role(match["role"], level))
        anonymous = _ROLE_ANON_RE.search(simple) or _ANON_ROLE_RE.search(simple)
        if anonymous and not role:
            return SpeakerGuess(role=normalize_role(anonymous["role"], level), anonymised=True)
        if not role and (found := ROLE_RE.search(simple)):
            role = found[0]
    for line in byline:
        stripped = line.strip()
        if _LONE_NAME_RE.match(stripped) and _is_name(to_simplified(_clean_name(stripped))):
            return SpeakerGuess(name=_clean_name(stripped), role=normalize_role(role, level))
    return SpeakerGuess(role=normalize_role(role, level))
