"""The PLOVER codebook as the event stage uses it: the types, their quad classes, the roles of their sides,
and the recodings one act undergoes when a cue governs it. One place for what every pass asks of a type.
"""

from __future__ import annotations

#: Types of harm that an animal, a disease or a natural phenomenon can do with no one acting.
NATURAL_HARM_TYPES = frozenset({"ASSAULT"})
#: Types that, between a news outlet and someone else, are the outlet gathering its story (an interview, a
#: question put, an interview granted), not an event: the outlet as either side of a CONSULT, as the source
#: of a REQUEST, as the target of an AGREE ("agreed to answer questions for Wikinews").
PRESS_TYPES = {"CONSULT": ("source", "target"), "REQUEST": ("source",), "AGREE": ("target",)}
#: The sixteen PLOVER event types, in the codebook's order.
TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
#: PLOVER types by quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
QUADS = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 3,
    "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}

# ---------------------------------------------------------------- the sides a type takes
#: Types done together: coordinated subjects with no object act with each other ("A and B agreed", "met");
#: a gathering's "of" phrase lists the ones who meet ("a summit of A and B").
JOINT_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})
#: Relations that "their" makes mutual between coordinated actors ("their ties", "their talks").
MUTUAL_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE", "SUPPORT"})
#: Types whose parties all did the act together (a summit's conclusions are all its members').
ENCOUNTER_TYPES = frozenset({"CONSULT"})
#: Types coded with a source alone: withdrawing, resigning, protesting and deploying need no target.
ONE_SIDED_TYPES = frozenset({"RETREAT", "PROTEST", "MOBILIZE"})
#: Types coded with a target alone when the text names no agent (the source is left empty, not guessed).
AGENTLESS_TYPES = frozenset({"ASSAULT"})
#: Types coded with a target alone where a passive verb names no doer ("was accused of fraud", "was arrested").
PASSIVE_AGENTLESS_TYPES = frozenset({"ACCUSE", "COERCE"})
#: Types of saying (agreeing, asking, refusing, warning, blaming) coded with a source alone when what is
#: said is a clause or an abstract thing rather than someone ("agreed to share data", "demanded elections").
CONTENT_TYPES = frozenset({"AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE"})
#: Types whose noun may take a "that" clause naming the one concerned ("the demand that Gondor withdraw").
CLAUSE_TYPES = frozenset({"REQUEST", "ACCUSE", "THREATEN", "REJECT", "AGREE"})

# ---------------------------------------------------------------- how types answer other acts
#: Verbal reactions to the event their object names: events of their own ("condemned the attack" is an
#: accusation against the attackers as well as a telling of the attack), never read through that event.
REACTION_TYPES = frozenset({"ACCUSE", "SUPPORT"})
#: Reactions that no cue reads through their object: protesting "the arrest" protests the arrest's maker.
PROTEST_TYPES = frozenset({"PROTEST"})
#: Types of answering someone else's act: the act's doer is the one the answer is aimed at.
REACTING_TYPES = frozenset({"ACCUSE", "SUPPORT", "REJECT", "REQUEST", "PROTEST", "CONCEDE", "THREATEN"})
#: The types a stance event may be (praise, criticism, rejection), with their CAMEO codes.
STANCE_CODES = {"SUPPORT": "051", "ACCUSE": "111", "REJECT": "12"}
STANCE_TYPES = frozenset(STANCE_CODES)
#: Types whose acts, told twice within a few sentences, are one act even where the tellings name
#: different sides ("marched on Saturday, protesting the exit" and "protesters marched to Parliament").
SAME_KIND_TYPES = frozenset({"PROTEST", "ASSAULT"})

# ---------------------------------------------------------------- recodings under a cue
#: Type and CAMEO code a cue gives to the event it governs.
CUE_TYPES = {"threat": ("THREATEN", "130"), "request": ("REQUEST", "020"), "refuse": ("REJECT", "120")}
#: CAMEO 03x codes for an intention to do a cooperative act of each type (036: intent to meet).
INTENT_CODES = {"SUPPORT": "032", "CONSULT": "036", "COOPERATE": "031", "AID": "033", "CONCEDE": "035",
                "RETREAT": "035"}
#: Easing a hostile measure, by the CAMEO code of the measure (longest prefix first) or its PLOVER type:
#: a verbal concession (CONCEDE 08x: bans, curfews, emergency rule, dissent) or a material one (RETREAT
#: 08x: blockades, economic sanctions, military engagement).
EASED = {"1723": ("CONCEDE", "0813"), "1724": ("CONCEDE", "0814"), "191": ("RETREAT", "0872"),
         "192": ("RETREAT", "0874"), "COERCE": ("CONCEDE", "081"), "SANCTION": ("RETREAT", "085"),
         "PROTEST": ("CONCEDE", "082"), "ASSAULT": ("RETREAT", "087"), "MOBILIZE": ("RETREAT", "087")}
#: Calling off a cooperative act reduces relations (CAMEO 16): halting negotiation or mediation, cutting
#: aid, breaking ties; calling off an agreement is a rejection. A meeting or visit called off is negated.
HALTED = {"046": ("SANCTION", "164"), "045": ("SANCTION", "165"), "COOPERATE": ("SANCTION", "161"),
          "AID": ("SANCTION", "162"), "SUPPORT": ("SANCTION", "161"), "AGREE": ("REJECT", "120")}
#: Breaching a ceasefire is an attack (CAMEO 196); breaching an agreement or a ban is defiance (128).
BREACHED = {"RETREAT": ("ASSAULT", "196"), "AGREE": ("REJECT", "128"), "COERCE": ("REJECT", "128"),
            "SANCTION": ("REJECT", "128")}
#: CAMEO code of resigning: an announced resignation is the retreat, not a promise of one.
RESIGN = "0833"
#: CAMEO code of easing dissent: a protest called off needs no one it is aimed at ("called off the strike").
CALLED_OFF_PROTEST = "082"
