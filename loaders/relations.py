"""Relations a clause states between the entities found in it, each with how sure the reading is.

A sentence is cut into clauses (at `;`, at list markers `(i)`, `a)`, and after a short label that only frames
what follows, `- Thủy điện Sơn La: …`); two entities are related only inside one clause, and only by words that
say so:
- `Quyết định X … phê duyệt / thông qua … Y` and `Y … (được phê duyệt) tại / theo Quyết định X` → X approves Y
  (Y a plan, scheme, project or programme; a plant is never approved: its plan is). `Y tại X` binds each plan to
  its own document, so `phê duyệt A tại X; B tại Z và C tại W` pairs A–X, B–Z, C–W.
- a plan or programme whose own words name a plant or place → concerns / applies_to it; so does a document's
  subject (`về việc …`);
- `X … thực hiện / triển khai / cụ thể hóa / thi hành / quán triệt Y` → X implements Y (the verb right before Y;
  `Thực hiện Nghị quyết X, … ban hành Y` → Y implements X; a report `về sơ kết … thực hiện Y` concerns Y; not
  `thực hiện X gắn với / và thực hiện Y`, two things done side by side);
- `Y được đầu tư từ nguồn vốn Chương trình X`, `nguồn vốn Chương trình X để thực hiện Y / phân bổ cho huyện Y` →
  X funds Y;
- `X sửa đổi, bổ sung Y` → amends; `thay thế` → replaces; `bãi bỏ` → repeals (`… này` is the text itself; a
  submission or a report proposes, it changes nothing; `X được sửa đổi, bổ sung tại Y`: Y amends X; `X sửa đổi
  … các Nghị định quy định chi tiết … Luật Y`: X amends those decrees, not Y); a law named `Luật sửa đổi, bổ
  sung một số điều của Luật A, Luật B` amends A and B;
- a clause that begins `Căn cứ`, and the next items of its list (`Căn cứ Luật A; Luật B;`, over lines of their
  own too) → the text itself is based_on each document it names (not those named inside another's subject); in
  an act's preamble (before `QUYẾT NGHỊ:`), one that begins `Thực hiện` → the act implements them; in an act,
  `theo quy định tại (Điều 1 của) X` → based_on X;
- `Y tại / trên địa bàn / ở xã Z` after a programme or plan → applies_to; `thủy điện X (tại / thuộc) xã Z` →
  located_in; a plant and the places after `TĐC / tái định cư / di chuyển` → resettles_to;
- `xã Y, huyện Z`, `Kim Bình, Giang Thành (Trung Quốc)`, `tỉnh Vân Nam - Trung Quốc` → Y located_in Z, unless
  the gazetteer knows better (a Vietnamese province is not in China; a commune a report puts in the district it
  was in before the map was redrawn is kept, less sure); never from a road's route (`Pa Tần - Mường Tè`);
- in an act (a resolution, a decision): its own scope (`Điều 1. … trên địa bàn tỉnh X`) and what it adopts
  (`Thông qua Chương trình X`); a label naming a plant (`- Thủy điện Lai Châu: …`) frames the resettlement sites
  after it (an inference, less sure);
- reorganisations in their fixed forms (`sắp xếp … của xã A, xã B thành xã mới có tên gọi là xã C`, `đổi tên
  xã A thành xã B`, `chia tách xã A thành …`) → merged_into / renamed_to / split_from.
A place that is part of an organisation's name (`Ủy ban nhân dân tỉnh Trà Vinh`) or a road's route takes part
in no relation.

Confidence is the share of relations read by that rule that were right in the hand-checked windows
(`CONFIDENCE`; `policykg eval` prints the calibration), lowered a little for a list shared by its items and for a
footnote; the basis of each relation names its rule.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from policykg.kinds import Kind
from policykg.loaders.places import may_lie_in, succeeded_by, within_one_province

DOCUMENT, PLACE, PLANT, PROGRAMME, REPORT = Kind.DOCUMENT, Kind.PLACE, Kind.HYDROPOWER, Kind.PROGRAMME, Kind.REPORT

# How sure each way of reading is: the share of relations read that way that were right in the hand-checked
# windows (`policykg eval`, 371 relations, 2026-12-06; counts with lists and footnotes), rounded, and pulled
# towards 0.5 where they were few.
CONFIDENCE = {
    "bound": 0.95,  # `Đề án Y tại Quyết định X` (11 of 11 right)
    "verb": 0.9,  # `X phê duyệt Y`, `X thực hiện Y`, `X thay thế Y` (33 of 33)
    "named": 0.95,  # a plan whose name names a plant or place (54 of 55)
    "title_scope": 0.65,  # a plan's title ends `… trên địa bàn tỉnh X` (6 of 9, 2026-12-07; 6 of 8 before)
    "carries_out": 0.8,  # a plan named by what it carries out (`Kế hoạch thực hiện Chương trình OCOP`, 9 of 10)
    "subject": 0.85,  # a document's subject names it (21 of 23 since its end is measured, 2026-12-07; 10 of 16 before)
    "based_on": 0.97,  # `Căn cứ …` (38 of 38)
    "provided_in": 0.85,  # an act's `theo quy định tại Điều 4 Nghị định số X` (2 of 2, a third with a broken symbol)
    "preamble": 0.85,  # an act's preamble: `Thực hiện Nghị quyết số X;` (none in the windows: a prior)
    "located": 0.85,  # `thủy điện X tại xã Y` (none in the windows)
    "contained": 0.85,  # `xã Y, huyện Z`, places the gazetteer does not know (53 of 54)
    "gazetteer": 0.97,  # … where the gazetteer agrees (52 of 52)
    "redrawn": 0.5,  # … where today's map puts the commune in another district of the province (1 of 2)
    "at": 0.6,  # a programme `tại` a place (3 of 4)
    "resettles": 0.75,  # a plant and the places after `TĐC` (2 of 2)
    "reorganised": 0.85,  # the fixed form of a reorganisation the succession data does not confirm
    "known": 0.9,  # the reference data knows the document establishes the programme
    "act_scope": 0.95,  # an act's own `trên địa bàn tỉnh X` (18 of 18)
    "act_changes": 0.9,  # an act's own item `Sửa đổi, bổ sung khoản 1 … Nghị quyết số X` (a prior: new, 2026-12-06)
    "act_approves": 0.7,  # an act's own `Thông qua Chương trình X` (2 of 3)
    "document_scope": 0.8,  # a document named with `… trên địa bàn tỉnh X` after it (6 of 6)
    "label": 0.7,  # a plant named by the label before a colon, the sites after it: an inference (4 of 4)
    "label_plan": 0.35,  # … and a resettlement plan after it, which may be another plant's (1 of 3)
    "named_change": 0.95,  # an amending law's name: `Luật sửa đổi, bổ sung một số điều của Luật A, Luật B` (a prior)
    "funds": 0.75,  # `Dự án Y được đầu tư từ nguồn vốn Chương trình X` (no case in the windows: a prior)
}
LIST_FACTOR = 0.95  # what a list states, shared by each item
FOOTNOTE_FACTOR = 0.97

_APPROVE_VERB = re.compile(r"\b(?:phê duyệt|thông qua|ban hành)\b", re.IGNORECASE)
_BOUND_GLUE = re.compile(
    r"^[\s,(”\"]*(?:(?:và\s+)?(?:đã\s+)?(?:được\s+)?(?:[\wÀ-ỹĐđ]+\s+){0,4}?(?:phê duyệt|thông qua|ban hành)\s+)?"
    r"(?:tại|theo|kèm theo|ban hành kèm theo)\s*$|^[\s”\"]*[(]\s*$",
    re.IGNORECASE,
)
_IMPLEMENTS = (
    r"(?:thực hiện|triển khai|cụ thể hóa|cụ thể hoá|hướng dẫn thi hành|hướng dẫn thực hiện|quán triệt|"
    r"quy định chi tiết(?:\s+(?:và\s+)?(?:hướng dẫn\s+)?thi hành)?|thi hành)"
)
_IMPLEMENT_VERB = re.compile(rf"\b{_IMPLEMENTS}\b", re.IGNORECASE)
# The verb governs the entity right after it (`… thực hiện có hiệu quả Nghị quyết X`), not one further on.
_IMPLEMENTS_NEXT = re.compile(
    rf"\b{_IMPLEMENTS}\b(?:\s+(?:có hiệu quả|tốt|nghiêm túc|các|việc|một số điều của|một số điều|của))*"
    r"\s*(?:số\s*)?[“\"]?$",
    re.IGNORECASE,
)
# `thực hiện Chỉ thị X gắn với thực hiện Nghị quyết Y`, `theo Nghị định X … và thực hiện Đề án Y`: two things
# done side by side; X is done, it does not carry Y out (`Kế hoạch X triển khai và thực hiện Y` still does).
_SIDE_BY_SIDE = re.compile(
    r"\s*\b(?:và|gắn với|đồng thời|cùng với|kết hợp với)\s+"
    rf"(?:(?:tập trung|tiếp tục|đẩy mạnh|tổ chức|nghiêm túc)\s+)*{_IMPLEMENTS}\b[^\n]{{0,40}}$",
    re.IGNORECASE,
)
_ENDS_IMPLEMENTING = re.compile(rf"\b{_IMPLEMENTS}$", re.IGNORECASE)
# `Thông báo X về Hội nghị sơ kết … thực hiện Nghị quyết Y`: X is about something else that carries Y out.
_ABOUT_SOMETHING_ELSE = re.compile(
    rf"\bvề\s+(?!việc\b|tiếp tục\b|{_IMPLEMENTS})\S+(?:\s+\S+){{2,}}\s+{_IMPLEMENTS}\b", re.I
)
# `Thực hiện Nghị quyết X, … ban hành Y`: the clause opens with what Y carries out.
# `Quán triệt, triển khai thực hiện Nghị quyết X, …`: verbs of carrying out in a row open it too.
_IMPLEMENTS_FIRST = re.compile(
    rf"^\W*(?:để\s+)?(?:{_IMPLEMENTS}\s*(?:,|và)?\s+)*{_IMPLEMENTS}\s*(?:số\s*)?$", re.IGNORECASE
)
_CHANGE_VERBS = (
    (re.compile(r"\b(?:sửa đổi|bổ sung)\b", re.IGNORECASE), "amends"),
    (re.compile(r"\bthay thế\b", re.IGNORECASE), "replaces"),
    (re.compile(r"\b(?:bãi bỏ|hủy bỏ|huỷ bỏ)\b", re.IGNORECASE), "repeals"),
)


# The words of change `_CHANGE_VERBS` reads, as an alternation for the patterns that open with one.
_CHANGE_WORDS = "sửa đổi,? bổ sung|sửa đổi|bổ sung|bãi bỏ|thay thế|hủy bỏ|huỷ bỏ"


def _change_of(verb: str) -> str:
    """The predicate a verb of change states (`sửa đổi, bổ sung` → amends)."""
    return next(p for pattern, p in _CHANGE_VERBS if pattern.match(verb))


# An act's own item that changes another: the clause opens (after its number, or `… ban hành Nghị quyết`) with the
# verb, then the part it changes (`khoản 1 Điều 4`, `Phụ lục số 01`, `mục D`) or the document itself.
# Its title too, in capitals after its type word (`NGHỊ QUYẾT` / `VỀ SỬA ĐỔI, BỔ SUNG … NGHỊ QUYẾT SỐ X`, `BÃI BỎ …`).
_ACT_CHANGE = re.compile(
    r"\s*(?:(?:Điều\s+\d+|\d+(?:\.\d+)*|[a-zđ])[.)]\s*)?(?:[^.;:]{0,60}?\bban hành (?:Nghị quyết|Quyết định)\s+)?"
    r"(?:(?:NGHỊ QUYẾT|QUYẾT ĐỊNH|CHỈ THỊ)\s+)?(?:(?:VỀ|Về)\s+(?:VIỆC\s+|việc\s+)?)?"
    rf"(?P<verb>(?i:{_CHANGE_WORDS}))\s+"
    r"(?=(?i:một số|các|tên|nội dung|khoản|điểm|điều|mục|phụ lục|chương|nghị quyết|quyết định|thông tư"
    r"|nghị định|chỉ thị|quy định)\b)"
)
_THIS_TEXT = re.compile(r"\b(?:Nghị quyết|Quyết định|Chỉ thị|Thông tư|Nghị định|Quy định|Kế hoạch)\s+này\b")
THE_GROUNDS = re.compile(r"^[\s\-–*•+>#_]*căn cứ\b", re.IGNORECASE)  # the act's grounds: `Căn cứ Luật …`
_CARRIES_OUT_IN_PREAMBLE = re.compile(
    r"[\s\-–*•+]*(?:Tiếp tục\s+)?(?:Thực hiện|Triển khai(?:\s+thực hiện)?|Quán triệt(?:,?\s+triển khai)?)\s"
)
# A sentence where the text itself is a party: one entity named in it is enough for a relation.
THE_TEXT_CUES = re.compile(f"{THE_GROUNDS.pattern}|{_THIS_TEXT.pattern}", re.IGNORECASE)
_AT_PLACE = re.compile(
    r"^[\s,]*(?:(?:được\s+)?(?:thực hiện|triển khai|xây dựng|đầu tư|áp dụng)\s+)?"
    r"(?:tại|trên địa bàn|ở|cho|thuộc)\s+(?:các\s+|\d+\s+)?(?:xã|huyện|tỉnh|thành phố|thị xã|thị trấn|phường)?\s*$",
    re.IGNORECASE,
)
_LOCATED = re.compile(
    r"^[\s,(]*(?:(?:tại|ở|thuộc|trên địa bàn|nằm trên địa bàn|xây dựng tại)\s+)?(?:các\s+)?"
    r"(?:xã|huyện|tỉnh|thị trấn|thành phố)?\s*$",
    re.IGNORECASE,
)
# An act's own scope: `… trên địa bàn tỉnh X`, `Riêng trên địa bàn các phường thuộc thành phố X`; the cue for a
# sentence that may state it, or what the act adopts, changes or grounds itself in (`theo quy định tại …`).
ACT_SCOPE_CUE = re.compile(
    r"\b(?:trên địa bàn|riêng|thông qua|phê duyệt|ban hành|sửa đổi|bổ sung|bãi bỏ|thay thế|hủy bỏ|huỷ bỏ"
    r"|theo quy định tại)\b",
    re.IGNORECASE,
)
# `Điều 1. Thông qua Chương trình X`, `NGHỊ QUYẾT VỀ VIỆC THÔNG QUA CHƯƠNG TRÌNH X`: the act itself approves X.
_ACT_APPROVES = re.compile(r"(?:^|[\s.:])(?:về việc\s+)?(?:thông qua|phê duyệt|ban hành)\s*$", re.IGNORECASE)
ACT_SCOPE = re.compile(
    r"(?:trên địa bàn|riêng)\s+(?:trên địa bàn\s+)?(?:các\s+)?(?:(?:phường|xã|thị trấn)\s+thuộc\s+)?"
    r"(?:tỉnh|huyện|thành phố|thị xã|quận)?\s*$",
    re.IGNORECASE,
)
_NOT_APPROVING = frozenset({"Tờ trình", "Thông tư", "Báo cáo", "Công văn", "Hướng dẫn", "Thông báo", "Kế hoạch"})
_NOT_CHANGING = frozenset({"Tờ trình", "Báo cáo", "Công văn", "Thông báo", "Kế hoạch"})
_PASSIVE = re.compile(r"\b(?:được|bị)\s+(?:\w+\s+)?$")
_GENERIC_DOCUMENTS = re.compile(
    r"(?:,?\s*bổ sung)?\s+(?:một số điều\s+(?:của\s+)?)?(?:các|những)\s+"
    r"(?:Nghị định|Thông tư|Quyết định|Nghị quyết|văn bản|Luật)\b",
    re.IGNORECASE,
)
# `Thông tư … hướng dẫn lập, thẩm định, phê duyệt chương trình …`: about how approval is done, not an approval.
_ABOUT_APPROVING = re.compile(r"\b(?:hướng dẫn|quy định|trình tự|thủ tục)\b[^.;]{0,60}\bphê duyệt\b", re.IGNORECASE)
# `Dự án Y được đầu tư từ nguồn vốn Chương trình X` (Y first) and `nguồn vốn Chương trình X để xây dựng Dự án Y`
# / `… phân bổ cho huyện Y` (X first): the money of X goes to Y.
_FUNDED_FROM = re.compile(
    r"^[\s,]*(?:được\s+)?(?:(?:đầu tư|xây dựng|hỗ trợ|bố trí|cấp|thực hiện|chi trả|chi)\s+)?(?:bằng|từ)\s+"
    r"(?:các\s+)?(?:nguồn\s+)?(?:vốn|kinh phí)(?:\s+(?:của|thuộc|từ))?\s*$",
    re.IGNORECASE,
)
_MONEY_OF = re.compile(r"(?:nguồn vốn|vốn|nguồn kinh phí|kinh phí)(?:\s+(?:của|thuộc|từ))?\s*$", re.IGNORECASE)
_GOES_TO = re.compile(
    r"^[\s,]*(?:(?:được\s+)?(?:phân bổ|bố trí|hỗ trợ|cấp)\s+)?(?:để|cho)\s+"
    r"(?:(?:đầu tư|xây dựng|thực hiện|hỗ trợ)\s+)?(?:các\s+)?(?:xã|huyện|tỉnh|thị trấn|thành phố)?\s*$",
    re.IGNORECASE,
)
# `Nghị quyết Trung ương 8 (khóa XI) về Chiến lược …`: what a document is about, right after it.
_ABOUT = re.compile(
    r"^\s*(?:\([^)]{0,30}\)\s*)?,?\s*(?:ngày\s+[\d/]+\s*)?,?\s*(?:của\s+[^,;]{0,60}?\s+)?về\s+(?:việc\s+)?$",
    re.IGNORECASE,
)
_ISSUED_WITH = re.compile(r"^[^;.]{0,40}?\bban hành kèm theo\s*(?:Quyết định|Nghị quyết|Thông tư)?\s*(?:số\s*)?$")
_DOCUMENT_SCOPE = re.compile(r"trên địa bàn\s+(?:các\s+)?(?:tỉnh|huyện|thành phố|thị xã|xã)?\s*$", re.IGNORECASE)
# A resettlement site's name follows these (`khu TĐC Nậm Khao`, `cụm, điểm TĐC trung tâm xã Can Hồ`, and the
# names listed after one: `khu TĐC Nậm Khao và Mường Tè`).
_SITE_BEFORE = re.compile(
    r"(?:khu|điểm|cụm)\s+(?:TĐC|tái định cư)(?:\s+trung tâm)?(?:\s+(?:xã|thị trấn))?\s*"
    r"(?:[\wÀ-ỹĐđ ]{0,20}(?:,|và)\s*)?$",
    re.IGNORECASE,
)
_RESETTLEMENT = re.compile(r"TĐC|tái định cư|di dân|di chuyển", re.IGNORECASE)
_CONTAINED_GLUE = re.compile(
    r"^\s*(?:,|\(|-|–)?\s*(?:(?:thuộc|của)\s+)?(?:huyện|tỉnh|thành phố|thị xã|TP\.?|nước)?\s*$", re.IGNORECASE
)
_ITEM_GLUE = re.compile(r"^\s*(?:,|và)\s*(?:(?:xã|phường|thị trấn|huyện|tỉnh)\s+)?$")
_DOC_LIST_GLUE = re.compile(
    r"^\s*(?:,|và|;)\s*(?:(?:các\s+)?(?:Quyết định|Nghị quyết|Chỉ thị|Kế hoạch|Thông tư|Nghị định)\s*)?(?:số\s*)?$"
)
# Words that make the place after them part of an organisation's name.
_ORGANISATION = re.compile(
    r"(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Hội đồng nhân dân|HĐND|Tỉnh ủy|Tỉnh uỷ|Huyện ủy|Huyện uỷ|Thành ủy|"
    r"Đảng ủy|Đảng bộ|Mặt trận Tổ quốc|MTTQ|Công an|Bộ Chỉ huy|Bộ đội Biên phòng|Kho bạc Nhà nước|Văn phòng|"
    r"Ban Quản lý|Ban quản lý|Ban Chỉ đạo|Sở [\wÀ-ỹ ]{2,40}|Chi cục|Trung tâm|Bệnh viện|Trường|Công ty|Ngân hàng|"
    r"Hội [\wÀ-ỹ ]{2,30}|Liên đoàn Lao động|Tỉnh đoàn|Cục [\wÀ-ỹ ]{2,30})\s*(?:các\s+)?"
    r"(?:tỉnh|huyện|thành phố|thị xã|xã|phường|thị trấn|TP\.?)?\s*$",
)
_ORGANISATION_CAPS = re.compile(_ORGANISATION.pattern, re.IGNORECASE)  # a title in capitals
# A road and its route (`quốc lộ 4H (Pa Tần - Mường Tè - Mường Nhé)`); in lower case, as `Tam Đường` is a name.
_ROAD = re.compile(r"(?<![\wÀ-ỹĐđ])(?:quốc lộ|tỉnh lộ|đường|tuyến|cao tốc|QL|ĐT)\s*[\w.]*\s*\(?[^()]{0,60}$")
_CLAUSE_BREAK = re.compile(r";|\s\((?:[ivx]{1,4}|\d{1,2}|[a-zđ])\)\s|(?:^|\s)(?:[a-zđ]|\d{1,2})\)\s")
_LABEL = re.compile(r"^\s*[-–*•+]\s*[^:;.]{3,80}?:\s+(?=\S)|^[^:;.]{3,40}?:\s+(?=\S)")
_REORGANISE = (
    (re.compile(r"sắp xếp\s+toàn bộ diện tích tự nhiên", re.IGNORECASE), "merged_into"),
    (re.compile(r"nhập\s+toàn bộ diện tích tự nhiên", re.IGNORECASE), "merged_into"),
    (re.compile(r"\bđổi tên\b", re.IGNORECASE), "renamed_to"),
    (re.compile(r"\b(?:chia tách|điều chỉnh một phần diện tích)\b", re.IGNORECASE), "split_from"),
)
_REORGANISE_INTO = re.compile(r"\bthành\s+(?:(?:các|hai|ba)\s+)?(?:xã|phường|thị trấn|huyện|thị xã)?\b", re.I)


@dataclass(frozen=True)
class Hit:
    """An entity found in a sentence: its kind, key, span in the sentence and, for documents, subject span."""

    kind: str
    key: str
    start: int
    end: int
    place_level: int = 0  # places: commune 1, district 2, province 3, country 4
    subject_end: int | None = None  # where a document's subject (`về …`) ends in the sentence
    known_establishes: frozenset[str] = frozenset()  # programme keys this document is known to establish
    lists: tuple[str, ...] = ()  # documents: the keys of those its own name lists (an amending law's)
    resettlement: bool = False
    type_word: str | None = None  # documents: `Quyết định`, `Kế hoạch` …
    programme_kind: str | None = None  # programmes: `plan`, `project`, `scheme` …


THE_TEXT = Hit(REPORT, "", -1, -1)  # the report (or act) itself, subject of `based_on` and of `… này`


@dataclass(frozen=True)
class Stated:
    subject: Hit
    predicate: str
    object: Hit
    confidence: float
    basis: str  # how it was read: a key of CONFIDENCE, with `+list` / `+footnote` where those lowered it


# Entities read together. A clause of prose names at most about twenty; one with more (a flattened table, a
# broken file) is read in overlapping windows of entities, so that the work grows linearly with its length.
_WINDOW = 32


def relations_in(
    sentence: str,
    hits: list[Hit],
    *,
    footnote: bool = False,
    act: bool = False,
    grounds: bool = False,
    preamble: bool = False,
) -> list[Stated]:
    """The relations one sentence states between its entities (each pair and predicate once); in an act
    (`act`), also the scope its own words give it. `grounds`: the sentence goes on with the grounds the one before
    it listed (`Căn cứ Luật A …;` / `Luật B …;`); `preamble`: it is in an act's preamble, before its enacting
    words (`Thực hiện Nghị quyết X;` there: the act carries X out)."""
    out: dict[tuple[str, str, str, str, str], Stated] = {}
    factor = FOOTNOTE_FACTOR if footnote else 1.0

    def emit(s: Hit, p: str, o: Hit, how: str, listed: bool = False) -> None:
        if (s.kind, s.key) == (o.kind, o.key):
            return
        ident = (s.kind, s.key, p, o.kind, o.key)
        confidence = round(CONFIDENCE[how] * factor * (LIST_FACTOR if listed else 1.0), 3)
        basis = how + ("+list" if listed else "") + ("+footnote" if footnote else "")
        if ident not in out or out[ident].confidence < confidence:
            out[ident] = Stated(s, p, o, confidence, basis)

    # The work stays linear in the number of entities (a flattened table names thousands): hits are sorted once,
    # each clause takes its slice by bisection, and the rules read windows of `_WINDOW` entities.
    hits = sorted(hits, key=lambda h: h.start)
    plants = [h for h in hits if h.kind == PLANT]
    plant_starts = [p.start for p in plants]
    # `thủy điện: Lai Châu, Huội Quảng`: a plant's name is not also the place of that name.
    hits = [h for h in hits if h.kind != PLACE or not _overlaps(h, plants, plant_starts)]
    starts = [h.start for h in hits]
    _resettled_under_label(sentence, hits, emit)
    for n, (start, end) in enumerate(_clauses(sentence)):
        clause = hits[bisect_left(starts, start) : bisect_left(starts, end)]
        clause = [h for h in clause if h.end <= end and not _framed(sentence, h)]
        if not clause:
            continue
        # A clause of grounds: `Căn cứ …`, or the next of its list (`Căn cứ Luật A …; Luật B …`), a document first.
        listed = (grounds or THE_GROUNDS.match(sentence)) and clause[0].kind == DOCUMENT
        based = bool(THE_GROUNDS.match(sentence[start:end])) or bool(
            listed and not sentence[start : clause[0].start].strip(" ;,\n")
        )
        carried = preamble and n == 0 and bool(_CARRIES_OUT_IN_PREAMBLE.match(sentence, start))
        the_text = "based_on" if based else "preamble" if carried else None
        for k in range(0, max(len(clause) - _WINDOW // 2, 1), _WINDOW // 2):
            _read_window(sentence, clause[k : k + _WINDOW], the_text, emit)
        _read_clause(sentence, start, end, clause, emit)
        if act:
            _act_scope(sentence, clause, emit)
            _act_changes(sentence, start, clause, emit)
            _provided_in(sentence, clause, emit)
    _named_changes(sentence, hits, emit)
    if act:  # an item that ends in a colon (`1. Sửa đổi, bổ sung Phụ lục số 01 … như sau:`) is a label, no clause
        _act_changes(sentence, 0, hits, emit)
    _share_over_lists(sentence, hits, list(out.values()), emit)
    return list(out.values())


def _overlaps(h: Hit, plants: list[Hit], plant_starts: list[int]) -> bool:
    """Whether `h` overlaps one of `plants` (sorted, not overlapping each other: only the last to start before
    `h` ends can)."""
    i = bisect_left(plant_starts, h.end) - 1
    return i >= 0 and plants[i].end > h.start


Emit = Callable[..., None]


def _clauses(sentence: str) -> list[tuple[int, int]]:
    """Where the clauses of a sentence begin and end; a short label before a colon is left out."""
    label = _LABEL.match(sentence)
    first = label.end() if label and not THE_GROUNDS.match(sentence) else 0
    cuts = [first, *(m.start() for m in _CLAUSE_BREAK.finditer(sentence, first)), len(sentence)]
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


def _resettled_under_label(sentence: str, hits: list[Hit], emit: Emit) -> None:
    """`- Thủy điện Lai Châu: … quy hoạch chi tiết khu TĐC Nậm Khao …`: a label that names one plant frames the
    resettlement sites below it (an inference from the label, so less sure than a clause that says it)."""
    label = _LABEL.match(sentence)
    if label is None:
        return
    plants = {h.key: h for h in hits if h.kind == PLANT and h.end <= label.end()}
    if len(plants) != 1:
        return
    plant = next(iter(plants.values()))
    named = {h.key for h in hits if h.kind == PLANT and h.start >= label.end()}
    for h in hits:
        if h.kind == PLACE and h.start >= label.end() and _SITE_BEFORE.search(sentence[max(0, h.start - 40) : h.start]):
            emit(plant, "resettles_to", h, "label")
        elif (
            h.kind == PROGRAMME
            and h.start >= label.end()
            and not named
            and _RESETTLEMENT.search(sentence, h.start, h.end)
        ):
            emit(h, "concerns", plant, "label_plan")  # `Thuỷ điện Sơn La: … Quy hoạch tổng thể di dân TĐC theo …`


def _framed(sentence: str, h: Hit) -> bool:
    """A place that names an organisation (`UBND tỉnh Trà Vinh`) or a point of a road's route."""
    if h.kind != PLACE:
        return False
    before = sentence[max(0, h.start - 60) : h.start]
    if _ORGANISATION.search(before) or (before.isupper() and _ORGANISATION_CAPS.search(before)):
        return True
    around = sentence[max(0, h.start - 3) : h.end + 3]
    return bool(re.search(r"\s[-–]\s", around)) and bool(_ROAD.search(sentence[max(0, h.start - 80) : h.start]))


def _read_window(sentence: str, hits: list[Hit], the_text: str | None, emit: Emit) -> None:
    """The rules that pair entities, on a window of a clause's entities (`the_text`: the rule by which the text
    itself is a party to each document the clause names — `based_on`, a clause of grounds; `preamble`, one that
    carries them out)."""
    if the_text is not None:
        _the_text_and(hits, the_text, emit)
    bound = _bound(sentence, hits, emit)
    for i, a in enumerate(hits):
        for b in hits[i + 1 :]:
            _pair(sentence, a, b, hits, bound, emit)
    _named_within(sentence, hits, emit)
    _located_lists(sentence, hits, emit)


def _read_clause(sentence: str, start: int, end: int, hits: list[Hit], emit: Emit) -> None:
    """The rules that read the clause's words once (a cue, a fixed form) and then its entities in order."""
    _this_text(sentence, start, end, hits, emit)
    _resettlement(sentence, start, hits, emit)
    _reorganised(sentence[start:end], start, hits, emit)


def _share_over_lists(sentence: str, hits: list[Hit], stated: list[Stated], emit: Emit) -> None:
    """`Nghị quyết số 88/2019/QH14 và Nghị quyết số 120/2020/QH14 … về phê duyệt Đề án X`: what the sentence
    states of the last document of a list, about what comes after the list, it states of each."""
    docs = [h for h in hits if h.kind == DOCUMENT]
    by_subject: dict[int, list[Stated]] = {}
    for st in stated:
        by_subject.setdefault(id(st.subject), []).append(st)
    chain: list[Hit] = []
    for doc in [*docs, None]:
        if doc is not None and chain and _DOC_LIST_GLUE.match(sentence[chain[-1].end : doc.start]):
            chain.append(doc)
            continue
        if len(chain) > 1:
            last = chain[-1]
            for st in by_subject.get(id(last), ()):
                if st.object.start >= last.end and st.predicate in _SHARED:
                    for other in chain[:-1]:
                        emit(other, st.predicate, st.object, "verb", True)
        chain = [doc] if doc is not None else []


_SHARED = frozenset({"approves", "implements", "concerns", "applies_to", "amends", "replaces", "repeals"})


def _inside(inner: Hit, outer: Hit) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and inner is not outer


def _between_hits(hits: list[Hit], a: Hit, b: Hit) -> list[Hit]:
    """The entities strictly between a and b, leaving out those inside either."""
    return [h for h in hits if a.end <= h.start and h.end <= b.start and not _inside(h, a) and not _inside(h, b)]


def _bound(sentence: str, hits: list[Hit], emit: Emit) -> set[int]:
    """`Đề án Y tại Quyết định X`: a plan and the document right after it; returns the plans so bound."""
    bound: set[int] = set()
    plans = [h for h in hits if h.kind == PROGRAMME]
    docs = [h for h in hits if h.kind == DOCUMENT]
    for plan in plans:
        after = [d for d in docs if d.start >= plan.end and not _between_hits(hits, plan, d)]
        if not after or not _BOUND_GLUE.search(sentence[plan.end : after[0].start]):
            continue
        doc = after[0]
        # `Quyết định 2038 và Quyết định 2042`: the list after the plan, each.
        chain = [doc]
        for nxt in docs:
            if nxt.start >= chain[-1].end and _DOC_LIST_GLUE.match(sentence[chain[-1].end : nxt.start]):
                chain.append(nxt)
        listed = len(chain) > 1
        for d in chain:
            predicate = "implements" if _implementing(d, plan) else "approves"
            if predicate == "implements":
                emit(plan, predicate, d, "bound", listed)
            else:
                emit(d, predicate, plan, "bound", listed)
        bound.add(id(plan))
    return bound


def _implementing(doc: Hit, plan: Hit) -> bool:
    """A plan `theo` a Party resolution or a law carries it out; one `theo` a decision was approved by it."""
    return doc.type_word in ("Nghị quyết", "Chỉ thị", "Kết luận", "Luật", "Nghị định", "Thông tư")


def _pair(sentence: str, a: Hit, b: Hit, hits: list[Hit], bound: set[int], emit: Emit) -> None:
    if a.key == b.key or _inside(b, a) or _inside(a, b):
        return
    if any(_inside(b, h) and not _inside(a, h) for h in hits if h is not a and h is not b):
        return  # a name's own words (`Kế hoạch … thực hiện Nghị quyết X`) relate to that name, not to what precedes
    between = sentence[a.end : b.start]
    others = _between_hits(hits, a, b)
    if not others and _funds(sentence, a, b, between, emit):
        return
    if a.kind == PLACE and b.kind == PLACE:
        if a.place_level < b.place_level and not others and _CONTAINED_GLUE.match(between):
            _located(a, b, emit)
        return
    if a.kind == PLACE and b.kind == DOCUMENT and not others and _ISSUED_WITH.search(between):
        emit(b, "applies_to", a, "document_scope")  # `Quy định … trên địa bàn tỉnh X ban hành kèm theo Quyết định Y`
        return
    if a.kind in (DOCUMENT, PROGRAMME) and b.kind in (DOCUMENT, PROGRAMME) and _carried_out_first(sentence, a, hits):
        if not others and len(between) < 200 and _APPROVE_VERB.search(between):
            emit(b, "implements", a, "verb")
    elif a.kind == DOCUMENT and b.kind == DOCUMENT:
        _document_document(a, b, between, others, emit)
    elif a.kind == DOCUMENT and b.kind == PROGRAMME:
        _document_programme(a, b, between, others, bound, emit)
    elif a.kind == PROGRAMME and b.kind == DOCUMENT:
        if a.key in b.known_establishes:
            emit(b, "establishes", a, "known")
        elif not others and len(between) < 120 and _carries_out(between):
            emit(a, "implements", b, "verb")
    elif a.kind == PROGRAMME and b.kind == PROGRAMME:
        if not others and len(between) < 120 and _carries_out(between):
            emit(a, "implements", b, "verb")
    elif a.kind == PLANT and b.kind == PLACE and not a.resettlement and not others and _LOCATED.match(between):
        emit(a, "located_in", b, "located")
    elif a.kind == PROGRAMME and b.kind == PLACE and not others and len(between) < 60 and _AT_PLACE.match(between):
        if not any(_in_subject(a, h) for h in hits):  # `Kế hoạch X về thực hiện Đề án Y trên địa bàn Z`: X's scope
            emit(a, _scope(sentence, a), b, "at")
    elif a.kind == DOCUMENT and b.kind in (PLACE, PLANT) and a.subject_end is not None and b.start < a.subject_end:
        emit(a, "applies_to" if b.kind == PLACE else "concerns", b, "subject")
    elif a.kind == DOCUMENT and b.kind == PLACE and _scoped_by(between, [h for h in others if not _in_subject(h, a)]):
        emit(a, "applies_to", b, "document_scope")


def _carries_out(between: str) -> bool:
    """The words between X and Y say X carries Y out (the verb right before Y, not a second thing done)."""
    if not _IMPLEMENTS_NEXT.search(between):
        return False
    side = _SIDE_BY_SIDE.search(between)
    return side is None or bool(_ENDS_IMPLEMENTING.search(between[: side.start()]))


def _funds(sentence: str, a: Hit, b: Hit, between: str, emit: Emit) -> bool:
    """Whether `a` and `b` are a programme and what its money goes to, as the text says (then emitted)."""
    if a.kind in (PROGRAMME, PLANT) and b.kind in (PROGRAMME, DOCUMENT) and _FUNDED_FROM.match(between):
        emit(b, "funds", a, "funds")
        return True
    money = a.kind in (PROGRAMME, DOCUMENT) and _MONEY_OF.search(sentence, max(a.start - 30, 0), a.start)
    if money and b.kind in (PROGRAMME, PLANT, PLACE) and _GOES_TO.match(between):
        emit(a, "funds", b, "funds")
        return True
    return False


def _in_subject(h: Hit, doc: Hit) -> bool:
    """`h` is named in the subject of document `doc` (`Kế hoạch X về thực hiện Đề án Y`)."""
    return doc.kind == DOCUMENT and doc.subject_end is not None and doc.end <= h.start and h.end <= doc.subject_end + 2


def _scoped_by(between: str, others: list[Hit]) -> bool:
    """`Nghị quyết X … trên địa bàn tỉnh Y`, with no other document or plan between them."""
    scoped = len(between) < 300 and _DOCUMENT_SCOPE.search(between)
    return bool(scoped) and not any(h.kind in (DOCUMENT, PROGRAMME) for h in others)


def _document_document(a: Hit, b: Hit, between: str, others: list[Hit], emit: Emit) -> None:
    docs_between = [h for h in others if h.kind == DOCUMENT]
    # A submission, a report or a letter changes nothing: it proposes (`Tờ trình X đề nghị ban hành Nghị quyết sửa
    # đổi, bổ sung Nghị quyết Y`).
    if len(between) < 150 and not docs_between and a.type_word not in _NOT_CHANGING:
        for verb, predicate in _CHANGE_VERBS:
            if found := verb.search(between):
                if _GENERIC_DOCUMENTS.match(between, found.end()):
                    return  # `X sửa đổi … của các Nghị định quy định chi tiết … Luật Y`: X changes those, not Y
                if _PASSIVE.search(between, 0, found.start()):
                    emit(b, predicate, a, "verb")  # `X … được sửa đổi, bổ sung tại Y`: Y changes X
                else:
                    emit(a, predicate, b, "verb")
                return
    implementing = _carries_out(between) and not _ABOUT_SOMETHING_ELSE.search(between)
    if len(between) < 250 and not docs_between and implementing:
        emit(a, "implements", b, "verb")


def _document_programme(a: Hit, b: Hit, between: str, others: list[Hit], bound: set[int], emit: Emit) -> None:
    if b.key in a.known_establishes:
        emit(a, "establishes", b, "known")
        return
    if id(b) in bound:
        return  # the plan has its own document (`… tại Quyết định X`)
    docs_between = [h for h in others if h.kind == DOCUMENT]
    plans_between = [h for h in others if h.kind == PROGRAMME]
    if len(between) < 200 and not docs_between and _APPROVE_VERB.search(between):
        # A submission, a circular or a report does not approve: it proposes, or says how approval is done.
        approving = a.type_word not in _NOT_APPROVING and not _ABOUT_APPROVING.search(between)
        emit(a, "approves" if approving else "concerns", b, "verb" if approving else "subject", bool(plans_between))
    elif len(between) < 120 and not docs_between and not plans_between and _carries_out(between):
        # `Báo cáo … về sơ kết 3 năm thực hiện Đề án Y`: about carrying Y out, so about Y
        about = _ABOUT_SOMETHING_ELSE.search(between)
        emit(a, "concerns" if about else "implements", b, "subject" if about else "verb")
    elif (a.subject_end is not None and b.start < a.subject_end and len(between) < 150) or _ABOUT.match(between):
        emit(a, "concerns", b, "subject")


def _carried_out_first(sentence: str, a: Hit, hits: list[Hit]) -> bool:
    """`Thực hiện Nghị quyết X, … ban hành Y`: the clause opens with the verb and `a` is what it governs."""
    first = min(h.start for h in hits)
    return a.start == first and bool(_IMPLEMENTS_FIRST.search(sentence[max(0, a.start - 40) : a.start]))


def _this_text(sentence: str, start: int, end: int, hits: list[Hit], emit: Emit) -> None:
    """`Nghị quyết này thay thế Nghị quyết số X`: the text itself changes X."""
    this = _THIS_TEXT.search(sentence, start, end)
    if this is None:
        return
    for h in hits:
        if h.kind != DOCUMENT or h.start < this.end():
            continue
        if any(o.kind == DOCUMENT and this.end() <= o.start < h.start for o in hits):
            break  # the nearest document after `… này` is the one it changes
        between = sentence[this.end() : h.start]
        for verb, predicate in _CHANGE_VERBS:
            if verb.search(between) and len(between) < 400:
                emit(THE_TEXT, predicate, h, "verb")
                break


def _act_scope(sentence: str, hits: list[Hit], emit: Emit) -> None:
    """`Điều 1. Ban hành quy định … trên địa bàn tỉnh Trà Vinh`: the act applies there, unless a document or plan
    named before the place in the clause is what the words are about; `Điều 1. Thông qua Chương trình X`: the act
    approves X."""
    this = _THIS_TEXT.search(sentence)
    if this and any(verb.match(sentence, this.end() + 1) for verb, _p in _CHANGE_VERBS):
        return  # `Nghị quyết này thay thế …`: the words are about the documents it changes
    for h in hits:
        if h.kind == PROGRAMME and _ACT_APPROVES.search(sentence[max(0, h.start - 40) : h.start]):
            emit(THE_TEXT, "approves", h, "act_approves")
        if h.kind in (DOCUMENT, PROGRAMME):
            return  # what follows is about the document or plan named first
        if h.kind == PLACE and ACT_SCOPE.search(sentence[max(0, h.start - 60) : h.start]):
            emit(THE_TEXT, "applies_to", h, "act_scope")


# `… theo quy định tại khoản 2, khoản 3 Điều 4 Nghị định số X`, `theo quy định tại Điều 1 của Luật Y`: the act grounds
# what it says in X's provisions.
_PROVIDED_IN = re.compile(
    r"\btheo quy định tại\s+"
    r"(?:(?:các\s+)?(?:[Đđ]iều|khoản|điểm|mục|tiết|[Pp]hụ lục|[Cc]hương)\s+[\w.]+(?:\s*,\s*|\s+và\s+|\s+))*"
    r"(?:của\s+)?$"
)


def _provided_in(sentence: str, clause: list[Hit], emit: Emit) -> None:
    """In an act, `theo quy định tại … X`: the act is based on X (where it points to X's provisions)."""
    for h in clause:
        if h.kind == DOCUMENT and _PROVIDED_IN.search(sentence, max(0, h.start - 90), h.start):
            emit(THE_TEXT, "based_on", h, "provided_in")


def _act_changes(sentence: str, start: int, clause: list[Hit], emit: Emit) -> None:
    """`1. Sửa đổi, bổ sung Phụ lục số 01 kèm theo Nghị quyết số X`, `c) Bãi bỏ mục D … Nghị quyết số X`, `Hội đồng
    nhân dân ban hành Nghị quyết sửa đổi, bổ sung Nghị quyết số X`: the act itself changes X, the first document
    after the verb."""
    m = _ACT_CHANGE.match(sentence, start)
    if m is None:
        return
    doc = next((h for h in clause if h.start >= m.end()), None)
    if doc is None or doc.kind != DOCUMENT or doc.start - m.end() > 200:
        return
    predicate = _change_of(m.group("verb"))
    emit(THE_TEXT, predicate, doc, "act_changes")


# `Luật sửa đổi, bổ sung …`: a document named by what it does to the documents its name lists.
_CHANGING_NAME = re.compile(
    r"(?:Luật|Bộ luật|Pháp lệnh|Nghị định|Nghị quyết|Quyết định|Thông tư)\s+(?:về\s+)?(?:việc\s+)?"
    rf"(?P<verb>{_CHANGE_WORDS})\b",
    re.IGNORECASE,
)


def _named_changes(sentence: str, hits: list[Hit], emit: Emit) -> None:
    """`Luật sửa đổi, bổ sung một số điều của Luật Chứng khoán, Luật Kế toán …`: the law amends each law its name
    lists."""
    for h in hits:
        if h.kind == DOCUMENT and h.lists and (m := _CHANGING_NAME.match(sentence, h.start)):
            predicate = _change_of(m.group("verb"))
            for key in h.lists:
                emit(h, predicate, Hit(DOCUMENT, key, h.start, h.end), "named_change")


def _the_text_and(hits: list[Hit], how: str, emit: Emit) -> None:
    """The text is based on (`how` = `based_on`) or carries out (`preamble`) each document named, not those named
    in another's subject."""
    docs = [h for h in hits if h.kind == DOCUMENT]
    for d in docs:
        if not any(o.subject_end is not None and o.end <= d.start < o.subject_end for o in docs if o is not d):
            emit(THE_TEXT, "based_on" if how == "based_on" else "implements", d, how)


# A project that builds something lies in its place; a scheme, programme or plan applies to it.
_BUILDS = re.compile(
    r"dự án\s+(?:đầu tư\s+)?(?:xây dựng|khu|mặt bằng|đường|cầu|công trình|khai thác|nhà máy|thủy lợi|hồ|trường|"
    r"bệnh viện|chợ|cấp nước|san nền|hạ tầng|cụm|điểm)",
    re.IGNORECASE,
)


# `Dự án đường nối thành phố Lai Châu với …`: a place a road reaches is not where the project lies.
_CONNECTS = re.compile(r"\b(?:nối|với|đến|từ)\s+(?:các\s+)?(?:tỉnh|huyện|thành phố|thị xã|xã)?\s*$", re.IGNORECASE)


def _scope(sentence: str, programme: Hit) -> str:
    building = programme.programme_kind == "project" and _BUILDS.match(sentence, programme.start)
    return "located_in" if building else "applies_to"


def _container_of_another(place: Hit, hits: list[Hit], sentence: str) -> bool:
    """`… huyện Tân Uyên, tỉnh Lai Châu`: the province only says where the district is."""
    return any(
        h.kind == PLACE and h.end <= place.start and h.place_level < place.place_level
        and _CONTAINED_GLUE.match(sentence[h.end : place.start])
        for h in hits
    )  # fmt: skip


def _named_within(sentence: str, hits: list[Hit], emit: Emit) -> None:
    """A plan or programme whose own words name a plant or a place (`Quy hoạch … thủy điện Sơn La`), or what it
    carries out (`Kế hoạch thực hiện Chỉ thị số 11/CT-TTg`)."""
    for outer in hits:
        if outer.kind != PROGRAMME:
            continue
        for inner in hits:
            if not _inside(inner, outer):
                continue
            if inner.kind == PLANT:
                emit(outer, "concerns", inner, "named")
            elif inner.kind == PLACE and not _container_of_another(inner, hits, sentence):
                before = sentence[max(outer.start, inner.start - 25) : inner.start]
                if not _CONNECTS.search(before):
                    how = "title_scope" if _DOCUMENT_SCOPE.search(before) else "named"
                    emit(outer, _scope(sentence, outer), inner, how)
            elif _IMPLEMENTS_NEXT.search(sentence[outer.start : inner.start]):
                emit(outer, "implements", inner, "carries_out")


def _resettlement(sentence: str, start: int, hits: list[Hit], emit: Emit) -> None:
    plants = [h for h in hits if h.kind == PLANT]
    if not plants:
        return
    cue = _RESETTLEMENT.search(sentence, start)
    if cue is None:
        return
    ends = [p.end for p in plants]  # in order, as the plants are
    for place in hits:
        if place.kind != PLACE or place.place_level > 2 or place.start < cue.start():
            continue
        # The plant it belongs to is the nearest one before it (or the first, where none is before).
        before = bisect_right(ends, place.start) - 1
        emit(plants[max(before, 0)], "resettles_to", place, "resettles")


def _located_lists(sentence: str, hits: list[Hit], emit: Emit) -> None:
    """`Kim Bình, Lục Xuyên, Giang Thành (Trung Quốc)`: what holds for the last item holds for the list."""
    places = [h for h in hits if h.kind == PLACE]
    for i, item in enumerate(places):
        j = i
        while (
            j + 1 < len(places)
            and places[j + 1].place_level == item.place_level
            and _ITEM_GLUE.match(sentence[places[j].end : places[j + 1].start])
        ):
            j += 1
        if j > i and j + 1 < len(places):
            container = places[j + 1]
            glue = sentence[places[j].end : container.start]
            if container.place_level > item.place_level and _CONTAINED_GLUE.match(glue):
                _located(item, container, emit, listed=True)


def _located(a: Hit, b: Hit, emit: Emit, *, listed: bool = False) -> None:
    """`a` lies in `b` as the text puts it, unless the gazetteer knows better (`tỉnh Hà Giang, … và tỉnh Vân Nam
    (Trung Quốc)`: Hà Giang is a province of Việt Nam)."""
    known = may_lie_in(a.key, b.key)
    if known is not False:
        emit(a, "located_in", b, "gazetteer" if known else "contained", listed)
    elif within_one_province(a.key, b.key):
        emit(a, "located_in", b, "redrawn", listed)  # today's map disagrees: the text may be older than it


def _reorganised(text: str, offset: int, hits: list[Hit], emit: Emit) -> None:
    """`sắp xếp toàn bộ … của xã A, xã B thành xã mới có tên gọi là xã C`: A, B merged_into C."""
    for cue, predicate in _REORGANISE:
        m = cue.search(text)
        if m is None:
            continue
        into = _REORGANISE_INTO.search(text, m.end())
        if into is None:
            return
        places = [h for h in hits if h.kind == PLACE and h.start >= offset + m.start()]
        old = [h for h in places if h.start < offset + into.start()]
        new = [h for h in places if h.start >= offset + into.start()]
        if not old or not new:
            return
        if predicate == "split_from":
            for n in new:
                emit(n, predicate, old[0], "reorganised", len(new) > 1)
            return
        target = new[-1] if predicate == "merged_into" else new[0]
        for o in old:
            # The fixed form is near-certain where the reference succession data agrees with it.
            agrees = predicate == "merged_into" and succeeded_by(o.key, target.key)
            emit(o, predicate, target, "gazetteer" if agrees else "reorganised", len(old) > 1 and not agrees)
        return
