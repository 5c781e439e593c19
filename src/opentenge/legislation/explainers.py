"""The explainers' texts: topics, the "Lobbying or bribery?" scenarios and the glossary.

Kept as data (every string through gettext) so the page, its JSON twin and the tests read the
same texts. Sources are cited by name and official URL; nothing is quoted — the paragraphs are
our own summaries. Every Kazakh and Russian text is listed for a native speaker's review in
docs/translation.md.
"""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SOURCES = {
    'oecd': (_('OECD Recommendation on Principles for Transparency and Integrity in Lobbying (2010)'), 'https://legalinstruments.oecd.org/en/instruments/OECD-LEGAL-0379'),
    'eutr': (_('EU Transparency Register'), 'https://transparency-register.europa.eu/'),
    'lda': (_('US Lobbying Disclosure Act of 1995 (2 U.S.C. 1601 et seq.): guidance of the Clerk of the House and the Secretary of the Senate'), 'https://lobbyingdisclosure.house.gov/'),
    'const': (_('Constitution of the Republic of Kazakhstan, Article 33'), 'https://adilet.zan.kz/rus/docs/K950001000_'),
    'anticorr': (_('Law of the Republic of Kazakhstan “On combating corruption” No. 410-V of 18 November 2015'), 'https://adilet.zan.kz/rus/docs/Z1500000410'),
    'cc': (_('Criminal Code of the Republic of Kazakhstan No. 226-V of 3 July 2014, Articles 366 and 367 (taking and giving a bribe)'), 'https://adilet.zan.kz/rus/docs/K1400000226'),
    'uncac': (_('United Nations Convention against Corruption'), 'https://www.unodc.org/unodc/en/treaties/CAC/'),
    'councils': (_('Law of the Republic of Kazakhstan “On public councils” No. 383-V of 2 November 2015'), 'https://adilet.zan.kz/rus/docs/Z1500000383'),
    'legalacts': (_('Law of the Republic of Kazakhstan “On legal acts” No. 480-V of 6 April 2016'), 'https://adilet.zan.kz/rus/docs/Z1600000480'),
    'npa': (_('Open normative legal acts portal'), 'https://legalacts.egov.kz/'),
    'access': (_('Law of the Republic of Kazakhstan “On access to information” No. 401-V of 16 November 2015'), 'https://adilet.zan.kz/rus/docs/Z1500000401'),
}

# slug -> (title, paragraphs, source keys)
TOPICS = {
    'what-is-lobbying': (
        _('What lobbying is'),
        [
            _('Lobbying is any organised attempt to influence a law, a regulation or a public decision by talking to the officials who make it. A business association asking a ministry to change a draft tax rule, an NGO sending comments on a draft law, a consultancy arranging meetings for its client — all of these are lobbying.'),
            _('Lobbying is legitimate: the Constitution gives citizens and their associations the right to address state bodies, and officials need to hear those affected by their decisions. The risk is not that people argue their case, but that they do it unseen, so that the public cannot tell whose voice shaped a rule.'),
            _('Kazakhstan has no law on lobbying. Draft laws are published for public discussion and state bodies have public councils, but there is no register of who lobbies whom. This site shows, as a prototype, what such a register could look like.'),
        ],
        ['oecd', 'const', 'legalacts', 'councils'],
    ),
    'lobbying-bribery-corruption': (
        _('Lobbying, bribery and corruption: who benefits?'),
        [
            _('The simplest test is to ask who benefits. In lobbying, the represented public or client argues its case openly: it gives arguments and evidence, and the official stays free to say no. Whatever the official decides, they gain nothing personally.'),
            _('In bribery, the official gains: money, a gift, a job for a relative, a favour — in exchange for a decision. The argument no longer matters; the payment does. The Criminal Code of Kazakhstan punishes both taking and giving a bribe.'),
            _("Corruption is wider than bribery: it is any use of public office for private gain. A conflict of interest hidden from the public, a contract steered to a relative's firm, a rule written to favour one company in return for a future job — all are corruption even when no cash changes hands. Kazakhstan's Law on combating corruption lists such offences and the duties of officials to avoid them."),
            _('Lobbying can turn into corruption when the line is crossed: a gift to the official, a promise of a job after leaving office (the revolving door), or secret meetings nobody records. Disclosure makes the line visible.'),
        ],
        ['cc', 'anticorr', 'uncac', 'oecd'],
    ),
    'disclosure': (
        _('What disclosure shows, and why'),
        [
            _('A lobbying register answers four questions: who is lobbying, on whose behalf, about what, and with how much money. The EU Transparency Register asks organisations to declare their interests, clients and budget; under the US Lobbying Disclosure Act, registered lobbyists file quarterly reports naming the issues, bills and agencies they lobbied and the amounts spent.'),
            _('Disclosure does not forbid anything. It lets journalists, competitors and citizens see which interests were heard, compare them with the final text of a law, and ask why some voices were heard and others were not. The OECD Principles for Transparency and Integrity in Lobbying recommend exactly this: openness, a level playing field and clear rules for both lobbyists and officials.'),
        ],
        ['eutr', 'lda', 'oecd'],
    ),
    'reading-a-register-entry': (
        _('How to read a register entry'),
        [
            _('Start with the registrant: the organisation that lobbies, its identifier (BIN) and its type — company, consultancy, association, NGO or think tank. A consultancy lobbies for clients, so look at the list of clients: they are the real interest behind the work.'),
            _("Then read the people who lobby and their former public positions: someone who left a ministry last year and now lobbies it has passed through the revolving door. Finally, read the periodic reports: which bills and bodies were targeted, which meetings took place, and how much was spent. Compare a report with the bill's timeline on this site."),
        ],
        ['eutr', 'lda'],
    ),
    'using-the-site-for-a-story': (
        _('How to use the site for a story'),
        [
            _('Pick a draft law from the tracker and open its timeline: when was it published, for how long could the public comment, what did the public council say, which NGO proposals were accepted or rejected and with what reply. A discussion shorter than the legal minimum is flagged in the list.'),
            _('Then follow the developing body to its organisation page: its contracts, budget and officials are one click away. Every figure links to the published file it comes from — cite that file, not this site, and ask the body for comment before you publish.'),
        ],
        ['npa', 'legalacts', 'councils', 'access'],
    ),
}

ANSWERS = {"lobbying": _("Lobbying"), "bribery": _("Bribery"), "corruption": _("Another form of corruption")}

# (right answer, situation, explanation)
SCENARIOS = [
    ('lobbying',
     _('An association of farmers publishes a study and, at a public council meeting, asks the Ministry of Agriculture to lower a fee in a draft order.'),
     _('The farmers argue openly, with evidence, on behalf of their members. The official gains nothing and can refuse.')),
    ('bribery',
     _("A company director gives a deputy minister an expensive watch the week before the ministry decides on the company's licence."),
     _('The official gains personally, and the gift is tied to a decision about the giver. Calling it a present does not change that.')),
    ('lobbying',
     _('An environmental NGO sends written comments on a draft law through the open-NPA portal, where everyone can read them.'),
     _('This is lobbying in its most open form: the argument is public and anyone can answer it.')),
    ('bribery',
     _("A consultancy pays for a holiday for an official's family; soon after, a tender is written so that only the consultancy's client can win."),
     _("The official's family gains and a public decision is bought. Both giving and taking a bribe are crimes.")),
    ('corruption',
     _('A ministry official keeps working on a draft regulation that will benefit a company owned by her brother, and tells no one.'),
     _("Nobody paid a bribe, but she uses public office for her family's gain: a hidden conflict of interest. The law requires officials to declare such conflicts and step aside.")),
    ('lobbying',
     _('A former deputy minister, six months after leaving office, is hired by a firm to arrange meetings with his former colleagues on a bill, and the firm declares this in its report.'),
     _('It is disclosed lobbying, but watch the revolving door: many registers set a cooling-off period for exactly this case. Disclosure lets the public judge.')),
    ('lobbying',
     _('A business association holds a public conference on a tax bill, invites deputies to speak and publishes the speeches.'),
     _('An open exchange of arguments in public. The deputies receive no personal benefit.')),
    ('corruption',
     _("An official promises to back a company's amendment if the company later hires him as a well-paid adviser."),
     _('The official trades a decision for his own future gain. Whether a court would call it a bribe depends on the facts, but it is corruption either way.')),
    ('lobbying',
     _('A consultancy paid by a foreign mining company meets officials about a subsoil bill but does not say who its client is.'),
     _('It is lobbying — nobody pays the official — but hidden lobbying: the public cannot know that a mining company stands behind the arguments. This is what a register fixes.')),
]

GLOSSARY = [
    (_('Lobbying'),
     _('An organised attempt to influence a law, a regulation or a public decision by communicating with officials.')),
    (_('Bribe'),
     _("Money, property, services or other benefits given to an official for an action or inaction in the giver's favour.")),
    (_('Corruption'),
     _('The use of public office or public trust for private gain; bribery is one form of it.')),
    (_('Conflict of interest'),
     _("A situation in which an official's personal interest can affect how they perform their public duties.")),
    (_('Revolving door'),
     _('People moving between public office and lobbying or business jobs that deal with the same office, in either direction.')),
    (_('Disclosure'),
     _('Publishing who lobbies, for whom, on what and with how much money, so that anyone can check.')),
    (_('Registrant'),
     _('The organisation or person entered in a lobbying register and responsible for its reports.')),
    (_('Client'),
     _('The organisation on whose behalf a consultancy lobbies and which pays for the work.')),
    (_('Public council'),
     _('A body of citizens and NGO representatives attached to a state body, which discusses its draft acts and gives opinions under the Law on public councils.')),
    (_('Draft legal act'),
     _('The text of a law, decree or order that a state body has prepared but not yet adopted.')),
    (_('Public discussion'),
     _('The period in which a draft is published on the open-NPA portal and anyone may comment on it.')),
    (_('Developing body'),
     _('The state body that drafts an act and answers the comments on it.')),
]
