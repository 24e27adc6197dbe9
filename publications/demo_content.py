"""The demo library: the seed's eight publications and a regulator's library around them.

The first eight are the publications of the seed's category page: their
titles, publication dates, download figures, document lists and dated change
notes are the seed's, and every sentence of every body is new. The rest of the
library, like the category tree, is made up for the demo in our own words, so
that categories, filters, sorting and search have something to work on. Phone
numbers come from the settings, as everywhere else.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings

CONTACT_PHONE = settings.CONTACT_PHONE
TEXT_TO_COMPLAIN_NUMBER = settings.TEXT_TO_COMPLAIN_NUMBER


@dataclass(frozen=True)
class DemoCategory:
    name: str
    slug: str
    description: str
    subcategories: tuple["DemoCategory", ...] = ()


# Siblings appear in this order. The first tree is the seed's "Guidance and resources";
# its paths are the addresses the seed and the tests know.
CATEGORY_TREE = (
    DemoCategory(
        "Guidance and resources",
        "guidance-and-resources",
        (
            "Guidance for care services, partnerships and the public, with the resources and documents "
            "that go with our inspections."
        ),
        (
            DemoCategory("Adults and older people", "adults", "Care and support for adults, including people living with dementia."),
            DemoCategory("Children and young people", "children-and-young-people", "Services for children and young people, and how we inspect them."),
            DemoCategory("Early learning and childcare", "early-learning-and-childcare", "Nurseries, childminders, out of school care and playgroups."),
            DemoCategory("Health and social care integration", "health-and-social-care-integration", "How health and social care partnerships plan and deliver care together."),
            DemoCategory("Joint inspections", "joint-inspections", "Inspections we carry out with other scrutiny bodies across a partnership area."),
            DemoCategory("Covid-19", "covid-19", "How we inspected and kept in touch with services during the pandemic."),
            DemoCategory("Information for care services", "care-services", "Practical help for registered services and their staff."),
        ),
    ),
    DemoCategory(
        "Self-evaluation",
        "self-evaluation",
        "Tools that help services and partnerships look honestly at their own work and decide what to improve.",
        (
            DemoCategory("Care services", "care-services", "Self-evaluation for care homes, care at home, housing support and other registered services."),
            DemoCategory("Early learning and childcare", "early-learning-and-childcare", "Self-evaluation for nurseries, childminders and school-aged childcare."),
            DemoCategory("Partnerships", "partnerships", "Self-evaluation for community planning and health and social care partnerships."),
            DemoCategory("Improvement support", "improvement-support", "Simple methods for testing changes and showing whether they made things better."),
        ),
    ),
    DemoCategory(
        "Inspection frameworks",
        "inspection-frameworks",
        "The quality frameworks our inspectors use for each type of care, which services can use to evaluate themselves.",
        (
            DemoCategory("Care homes for adults and older people", "care-homes-for-adults", "Quality frameworks for care homes for older people and for adults."),
            DemoCategory("Care at home and housing support", "care-at-home-and-housing-support", "The quality framework for support services."),
            DemoCategory("Children and young people's services", "children-and-young-people", "Quality frameworks for residential care, school care accommodation, fostering and adoption."),
            DemoCategory("Early learning and childcare", "early-learning-and-childcare", "The quality framework for daycare of children, childminding and school-aged childcare."),
            DemoCategory("Strategic and joint inspections", "strategic-inspections", "Quality indicators for inspections of partnerships rather than single services."),
        ),
    ),
    DemoCategory(
        "Corporate",
        "corporate",
        "How we are run and held to account: our plans, annual reports, board papers and policies.",
        (
            DemoCategory("Annual reports and accounts", "annual-reports", "What we did each year and how we spent public money."),
            DemoCategory("Plans and strategies", "plans-and-strategies", "Where we are going, and the consultations that shape it."),
            DemoCategory("Board papers", "board-papers", "Papers for the public meetings of our board."),
            DemoCategory("Policies and procedures", "policies", "The policies we work to, including how to complain about us."),
        ),
    ),
    DemoCategory(
        "Statistics and research",
        "statistics-and-research",
        "Figures about care in Scotland, and research into what makes care good.",
        (
            DemoCategory("Early learning and childcare statistics", "early-learning-and-childcare-statistics", "Yearly figures on nurseries, childminders and the children who use them."),
            DemoCategory("Complaints statistics", "complaints-statistics", "How many complaints about care services we received, and what they were about."),
            DemoCategory("Care sector statistics", "care-sector-statistics", "Registered services, places and staffing across the care sector."),
            DemoCategory("Research reports", "research-reports", "Our research and evaluation reports."),
        ),
    ),
    DemoCategory(
        "Young people",
        "young-people",
        "Written with and for children and young people who experience care.",
        (
            DemoCategory("For young people", "for-young-people", "Guides for children and young people about their rights, inspections and complaints."),
            DemoCategory("Involving young people", "involving-young-people", "How young people take part in inspections and help to improve care."),
        ),
    ),
)  # fmt: skip


@dataclass(frozen=True)
class DemoDocument:
    title: str
    number: str = ""
    accessible: bool = True
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoPublication:
    """`categories` are category paths; `published` is a date, or a time from the day of loading (scheduled)."""

    title: str
    slug: str
    published: date | timedelta
    downloads: int
    categories: tuple[str, ...]
    summary: str
    body: str
    documents: tuple[DemoDocument, ...] = ()
    change_notes: tuple[tuple[date, str, str], ...] = field(default=())


THE_GUIDE_DOCUMENTS = (
    ("001", "Inspection co-ordinator profile"),
    ("001a", "Pre-inspection return guidance"),
    ("001b", "Pre-inspection return"),
    ("001c", "Guidance on the labelling of children’s and young people’s records to the Care Inspectorate for case record reading"),
    ("002", "Quality framework for children and young people in need of care and protection"),
    ("003", "Position statement guidance"),
    ("004", "Staff survey"),
    ("005a", "Request form for management reviews during joint inspections and other strategic scrutiny"),
    ("005b", "Addressing matters of serious concern"),
    ("007", "Partnership discussions schedule"),
    ("009", "Children and young people's survey"),
    ("010", "Parents and carers survey"),
    ("011", "Local records readers guidance"),
    ("012", "Children and young people’s leaflet"),
    ("013", "Reviewing children’s records template"),
    ("014", "Framework for support and post scrutiny response"),
    ("015", "Reviewing children’s records guidance"),
    ("018", "Child's network of support case discussion form"),
    ("019", "Post inspection questionnaire"),
)  # fmt: skip
# Forms made to be filled in on paper do not yet meet accessibility standards.
NOT_YET_ACCESSIBLE = {"013", "018"}

SEED_PUBLICATIONS = [
    DemoPublication(
        title="Promoting continence for people living with dementia and long term conditions",
        slug="promoting-continence-for-people-living-with-dementia-and-long-term-conditions",
        published=date(2015, 9, 15),
        downloads=34341,
        categories=(
            "guidance-and-resources",
            "guidance-and-resources/adults",
            "guidance-and-resources/care-services",
        ),
        summary=(
            "A resource on the everyday care and support that helps people living with dementia "
            "and long term conditions stay continent and live well."
        ),
        body=f"""
<p>Staying continent matters to dignity, confidence and quality of life. This resource sets out the basic,
essential care and support that give people living with dementia or a long term condition the best chance of
staying continent for as long as possible.</p>
<p>People living with dementia, their families and carers helped to shape it, alongside health and social care
staff. It was tried out in NHS assessment units, care homes, day centres and care at home services before it
was published.</p>
<h2>Who it is for</h2>
<p>Anyone can use it: people managing their own continence, family and friends who care for them, and paid
staff in any setting. It comes with an easy read guide, a poster and a DVD.</p>
<h2>The five key messages</h2>
<ul>
<li>Know me and what’s important in my life and do what’s best for me.</li>
<li>Know me and how I communicate.</li>
<li>What I need to stay continent and how you can help.</li>
<li>Create an environment that supports me to be independent and promotes continence.</li>
<li>Look for every opportunity to promote my continence – be creative.</li>
</ul>
<h2>Who made it</h2>
<p>We led the work with Scottish Care, the Scottish Government, NHS continence advisers, the Scottish Dementia
Working Group, ACA and the National Dementia Carers Action Network (NDCAN).</p>
<p>To ask for printed copies, phone {CONTACT_PHONE}.</p>
""",
        documents=(
            DemoDocument(
                "Promoting continence: easy read guide",
                lines=(
                    "Five things that help me stay continent.",
                    "Know me. Know how I talk to you. Help me with what I need.",
                    "Make my home easy to get around. Keep trying new ideas.",
                ),
            ),
            DemoDocument(
                "Promoting continence: the five key messages poster",
                lines=("Print this poster and put it up where staff and visitors will see it.",),
            ),
        ),  # fmt: skip
    ),
    DemoPublication(
        title="Children and young people",
        slug="children-and-young-people",
        published=date(2022, 4, 14),
        downloads=33527,
        categories=("guidance-and-resources", "guidance-and-resources/children-and-young-people"),
        summary=(
            "How we check that every child and young person experiencing care in Scotland gets care that "
            "meets their needs and respects their rights, and how they can take part or complain."
        ),
        body=f"""
<h2>What we do for children and young people</h2>
<p>We want every child and young person who experiences care in Scotland to get care that fits their needs and
choices and upholds their rights. That applies wherever they are: at home with family, in a children’s home, in
foster care or adopted, in secure care or school care accommodation, or using short breaks. We also inspect some
services that support whole families, such as women’s refuges, and housing support for young people.</p>
<p>Our strategic inspection team looks at how well different professions and agencies work together to keep
children and young people who need care and protection safe. We also look at how services and partnerships
check their own work and learn when things go wrong.</p>
<h2>Posters about inspections</h2>
<p>Young people told us they wanted to know what an inspection is. We made posters, one for residential child
care and one for foster care, that services can put up so children and young people know what to expect and how
to have their say.</p>
<h2>Text us to complain</h2>
<p>Our research in 2019 found that fewer than one in a hundred of the 1,400 children and young people in
residential care had raised a concern with us. Services need a culture where concerns are heard and acted on
quickly.</p>
<p>If you are a child or young person and you are not happy about your care, you can text us on {TEXT_TO_COMPLAIN_NUMBER}.
You can also <a href="/complaints/">make a complaint online</a>, phone us on {CONTACT_PHONE} or email
enquiries@careinspectorate.gov.scot.</p>
<h2>Young inspection volunteers</h2>
<p>Fifteen young inspection volunteers, aged 18 to 26, join our inspections of children’s services. They talk
to children and young people about their care, ask managers how young people help shape the service, and hear
how well partnerships are meeting their duties as corporate parents.</p>
<h2>Quality frameworks</h2>
<p>Services use our quality frameworks to evaluate themselves, and our inspectors use the same frameworks when
they inspect. Teams inspecting children and young people’s services started using key question 7 in April 2022.
After reviewing it with inspectors, providers and young people with experience of care, we made some changes and
kept it for inspections from April 2024, with new self-evaluation toolkits for the sector.</p>
<h2>The Promise</h2>
<p>We are playing our part in keeping The Promise: more intensive, earlier support for families so that children
can stay with them where it is safe.</p>
<h2>Continuing care</h2>
<p>We have supported the Staying Put approach since 2013. As corporate parents under the Children and Young
People (Scotland) Act 2014 we help young people move from care into adulthood at their own pace.</p>
""",
        documents=(
            DemoDocument("What is an inspection? Poster for residential child care"),
            DemoDocument("What is an inspection? Poster for foster care"),
            DemoDocument(
                "Text to complain poster",
                lines=(f"Not happy about your care? Text us on {TEXT_TO_COMPLAIN_NUMBER}.",),
            ),
        ),
    ),
    DemoPublication(
        title="Joint inspections of integrated services for adults",
        slug="joint-inspections-of-integrated-services-for-adults",
        published=date(2015, 3, 13),
        downloads=32859,
        categories=(
            "guidance-and-resources",
            "guidance-and-resources/adults",
            "guidance-and-resources/joint-inspections",
        ),
        summary=(
            "With Healthcare Improvement Scotland we inspect how well health and social work services for adults "
            "work together across each partnership area."
        ),
        body="""
<p>We inspect health and social work services for adults jointly with Healthcare Improvement Scotland.</p>
<p>Since April 2016 Integration Joint Boards have brought together NHS boards, local authorities, the third and
independent sectors and people who use health and social care. The Public Bodies (Joint Working) (Scotland) Act
2014 asks them to provide joined-up, reliable, efficient services of high quality with very good outcomes for
people and their carers. Each partnership wrote a joint commissioning strategy and an integration plan for adult
services, and from 2017 our inspections looked at how far strategic planning and commissioning had come.</p>
<h2>How we inspect now</h2>
<p>After a Ministerial Strategic Group reviewed progress on integration, we worked with Healthcare Improvement
Scotland on a new way of inspecting, with quality indicators that show how well services, including the third
and independent sectors, work as partners to get very good outcomes for the whole adult population.</p>
<h2>Who inspects</h2>
<p>Teams bring together inspectors and associate inspectors from both organisations and clinical advisers
seconded from NHS boards. We aim to include inspection volunteers on every inspection: people who use or have
used care, or who are carers, and Healthcare Improvement Scotland’s public partners.</p>
""",
        documents=(
            DemoDocument(
                "Quality indicators for joint inspections of adult services",
                lines=(
                    "Key performance outcomes.",
                    "Getting help at the right time.",
                    "Impact on staff, and on the community.",
                    "Leadership and direction.",
                ),
            ),
        ),  # fmt: skip
    ),
    DemoPublication(
        title="Inspection during Covid-19",
        slug="inspection-during-covid-19",
        published=date(2020, 6, 10),
        downloads=32794,
        categories=("guidance-and-resources", "guidance-and-resources/covid-19"),
        summary=(
            "How we changed our inspections during the pandemic, service by service, with the tools "
            "and key questions we used."
        ),
        body="""
<h2>Keeping everyone safe when we visit early learning and childcare services</h2>
<p>Working with Public Health Scotland, we made our visits to early learning and childcare services, including
childminders, as safe as we could. Every inspector is trained in infection prevention and control and in using
personal protective equipment. Inspectors test twice a week, need a negative lateral flow test before a visit,
and stay away if they have any symptom of Covid-19.</p>
<p>We spend as little time on site as we can: some interviews with staff and parents happen remotely.
Inspectors keep their distance, wear face masks, wash their hands often, bring little with them and record
evidence on tablets rather than paper.</p>
<h2>Services for children and young people (except childminders)</h2>
<p>We paused our usual inspection programme in March 2020 when national restrictions began, and stayed in close
touch with services to advise and support them. Through the autumn and winter we restarted on a revised basis,
working remotely wherever we could and visiting whenever we needed assurance about children’s wellbeing.</p>
<p>For 2021-22 we decide where to inspect using:</p>
<ul>
<li>intelligence that raises concern, from notifications, complaints or other bodies;</li>
<li>inspection history, especially where improvement was needed;</li>
<li>services not yet inspected since they registered;</li>
<li>how long it is since the last inspection.</li>
</ul>
<p>We visit high and medium risk services in person and give feedback in an online meeting. Other services
are inspected remotely as far as possible, and we ask them to send evidence promptly and help us speak to
children, families and staff.</p>
<h2>Key question 5 for early learning and childcare</h2>
<p>Key question 5 is a self-evaluation tool for early learning and childcare settings, including out of school
care and childminders, on how well they support children and families during Covid-19 and how they have put the
national guidance into practice. It is the only key question we ask these settings to complete for now. Please
wait until an inspector asks for it before sending it to us.</p>
<h2>Covid-19 Scrutiny Assessment Tool</h2>
<p>The Scrutiny Assessment Tool (SAT) helps inspectors spot signs of possible concern in care homes. It replaced
the Risk Assessment Rating for all care homes from 14 August 2020. It is not a risk assessment: it helps us judge
how much support and scrutiny a service needs in its current circumstances.</p>
<h2>Key question 7</h2>
<p>For care homes for older people and for adults, key question 7 focuses inspections on infection prevention and
control, personal protective equipment and staffing, as the Coronavirus (Scotland) (No. 2) Act requires us to
grade them. A version for residential services for children and young people is used where there are concerns
about Covid-19.</p>
""",
        documents=(
            DemoDocument("Key question 5: self-evaluation tool for early learning and childcare"),
            DemoDocument("Covid-19 Scrutiny Assessment Tool: the questions inspectors answer"),
            DemoDocument("Key question 7 for care homes"),
        ),
        change_notes=(
            (
                date(2021, 4, 29),
                "added",
                "Covid-19 inspection safety precautions for early learning and childcare services including childminders",
            ),
            (
                date(2021, 4, 27),
                "added",
                "Inspections of services for children and young people (except childminders)",
            ),
            (
                date(2020, 8, 12),
                "updated",
                "Operating an early learning and childcare setting (including out of school care and childminders) during Covid-19",
            ),
            (date(2020, 7, 30), "added", "Covid-19 Scrutiny Assessment Tool (SAT)"),
            (date(2020, 7, 6), "added", "Key question 7 for children and young people residential services"),
            (date(2020, 6, 10), "added", "New key question for care home inspections"),
        ),  # fmt: skip
    ),
    DemoPublication(
        title="How to use our 'Registered by' widget",
        slug="how-to-use-our-registered-by-widget",
        published=date(2019, 11, 14),
        downloads=31019,
        categories=("guidance-and-resources", "guidance-and-resources/care-services"),
        summary=(
            "Show visitors to your website that your care service is registered with us, with a badge that "
            "links to your service's page on our site."
        ),
        body=f"""
<h2>What the widget is</h2>
<p>The widget is a small badge, with a little code behind it, that any website can show. Every registered care
service has its own, and it links straight to that service’s page on our website, so people can check your
registration, grades and reports for themselves.</p>
<h2>Who can use it</h2>
<p>Anyone may use the widget, as long as they keep to the terms below.</p>
<h2>How to add it to your website</h2>
<ol>
<li>Find your service’s page using <a href="/services/">Find a care service</a>.</li>
<li>Open the widget section of that page and copy the embed code.</li>
<li>Paste the code where you want the badge to appear, for example in your footer or sidebar. Your web
administrator, developer or hosting provider can help.</li>
</ol>
<p>The badge works as soon as the code is on your page.</p>
<h2>Where to show it</h2>
<p>Show the badge where people look to find out who you are, such as your website’s footer or “about us” page.
Your service’s page also has a poster to print, with your registration, latest grades and a QR code that opens
that page: put it up in your entrance or reception.</p>
<h2>What the badge looks like</h2>
<p>This is the badge of Rowan House, a care home on our register. Yours shows your own service’s name and
latest grades, and changes by itself when they do.</p>
<figure><img src="/widget/CS2003000025.svg" width="300"
alt="An example badge: Registered by the Care Inspectorate, Rowan House, with its latest grades."></figure>
<h2>If it does not work</h2>
<p>Ask your web administrator first. If they cannot fix it, email us at enquiries@careinspectorate.gov.scot or
phone {CONTACT_PHONE}.</p>
<h2>Terms of use</h2>
<p>You may use the widget for any care service registered with us. You must not:</p>
<ul>
<li>use it to mislead anyone;</li>
<li>change it in any way;</li>
<li>use it in a way that brings us into disrepute;</li>
<li>sell or sub-license it;</li>
<li>use it to overload or harm our website;</li>
<li>place anything around it that suggests we endorse you or your service.</li>
</ul>
<p>The widget is provided as it is, without warranties, and works together with our website, whose privacy
notice also applies. We are not responsible for any loss or damage from using it.</p>
""",
    ),
    DemoPublication(
        title="The Guide - resources and documents",
        slug="the-guide-resources-and-documents",
        published=date(2019, 7, 31),
        downloads=30072,
        categories=(
            "guidance-and-resources",
            "guidance-and-resources/children-and-young-people",
            "guidance-and-resources/joint-inspections",
        ),
        summary=(
            "Every document used in joint inspections of services for children and young people at risk "
            "of harm, in one numbered list."
        ),
        body="""
<p>The Guide explains to community planning partnerships (CPPs) how joint inspections of services for children
and young people at risk of harm work. It covers services for anyone under 18 while they are involved with those
services, and goes with the quality framework for children and young people in need of care and protection
(QIF).</p>
<p>This page holds every document used in these inspections. Partnerships preparing for an inspection can find
what they need here, and anyone else may use the documents to plan their own improvement work. If you are being
inspected and have a question about The Guide, ask your inspection lead; otherwise ask your link inspector.</p>
<p>See also <a href="/publications/the-guide-introduction/">The Guide - introduction</a>.</p>
""",
        documents=tuple(
            DemoDocument(
                title,
                number=number,
                accessible=number not in NOT_YET_ACCESSIBLE,
                lines=(
                    "The Guide: joint inspections of services for children and young people at risk of harm.",
                ),
            )
            for number, title in THE_GUIDE_DOCUMENTS
        ),
    ),
    DemoPublication(
        title="Near Me video calls",
        slug="near-me-video-calls",
        published=date(2020, 4, 27),
        downloads=25362,
        categories=(
            "guidance-and-resources",
            "guidance-and-resources/covid-19",
            "guidance-and-resources/care-services",
        ),
        summary=(
            "We use Near Me video calls to talk with care providers, people who use care and carers. "
            "Here is how to join one."
        ),
        body=f"""
<p>Video calls are now one of the usual ways we talk with care providers, people who experience care and
carers, alongside phone calls and visits. You need a smartphone, tablet or computer that can make video calls
and an internet connection.</p>
<p>Near Me is one of the video platforms we use. It is a secure video consulting service approved by the
Scottish Government and NHS Scotland.</p>
<h2>Joining a Near Me call</h2>
<p>We use Near Me for calls arranged in advance. We will send you a link to the right waiting area. Use an
up-to-date version of Google Chrome, Microsoft Edge or Safari.</p>
<h2>Help and guidance</h2>
<p>Our handy guide for service providers explains how to use Near Me; it is a PDF you can download and share
with colleagues. Technology Enabled Care (TEC) has more guidance, including on consent and on using Near Me in
care homes.</p>
<h2>How Near Me worked in lockdown</h2>
<p>During the pandemic we used Near Me much more to keep in touch with services. With TEC we looked at how well
it worked for people, and our short report on Near Me and care homes describes what services found helpful and
what was hard.</p>
<p>If you cannot join a video call, phone us on {CONTACT_PHONE} and we will arrange another way to talk.</p>
""",
        documents=(
            DemoDocument(
                "Near Me handy guide for service providers",
                lines=(
                    "Before the call: check your camera, microphone and internet connection.",
                    "Joining: open the link we sent you and wait in the waiting area.",
                    "During the call: we will check who is present and how the call will run.",
                ),
            ),
            DemoDocument("Near Me and care homes: how video calls worked in lockdown"),
        ),  # fmt: skip
        change_notes=(
            (date(2020, 7, 17), "added", "New report tells how Near Me worked in lockdown"),
            (date(2020, 5, 11), "added", "Guidance on using Near Me"),
        ),
    ),
    DemoPublication(
        title="The Guide - introduction",
        slug="the-guide-introduction",
        published=date(2019, 7, 5),
        downloads=25006,
        categories=(
            "guidance-and-resources",
            "guidance-and-resources/children-and-young-people",
            "guidance-and-resources/joint-inspections",
        ),
        summary=(
            "What joint inspections of services for children and young people at risk of harm look at, "
            "how they run, and how children, young people and families take part."
        ),
        body="""
<h2>A. Background</h2>
<p>The Guide is for community planning partners (CPPs) and for staff who take part in joint inspections. It sits
alongside our quality framework for children and young people in need of care and protection (QIF), which
partners use to evaluate their work together and keep improving.</p>
<p>Joint inspection teams include Healthcare Improvement Scotland (HIS), Education Scotland (ES), His Majesty’s
Inspectorate of Constabulary in Scotland (HMICS) and young inspection volunteers. They look across everything a
partnership does, from social work and health visiting to policing, schools and the third sector. Each inspection
is adapted to local circumstances, but the core of the process is the same everywhere, so results can be
compared.</p>
<p>The methodology and the framework draw on the EFQM Excellence Model, looking at:</p>
<ul>
<li>key outcomes</li>
<li>what stakeholders need</li>
<li>how services are delivered</li>
<li>management</li>
<li>leadership</li>
<li>capacity to improve.</li>
</ul>
<p>The framework has 22 quality indicators.</p>
<h2>B. What joint inspections focus on</h2>
<p>Since July 2021 joint inspections have looked at how well services protect children and young people at risk
of harm, and what difference the partnership makes to their lives. With The Promise in mind, we want to know
whether children are kept safe, and whether the way risk is identified, assessed and planned for helps them keep
loving, lasting relationships. Inspectors address four aims:</p>
<ul>
<li>children and young people are safer because risks are spotted early and dealt with well;</li>
<li>their lives get better through good planning and support;</li>
<li>children, young people and families have a real say in decisions about their lives and in how services are
planned and improved;</li>
<li>leaders plan and work together so services are of a high standard.</li>
</ul>
<p>We also grade indicator 2.1, the impact on children and young people, on our six-point scale.</p>
<h2>C. How an inspection runs</h2>
<p>An inspection has two phases and then a reporting phase, and lasts about 25 weeks from notification to the
published report, longer if it spans school or public holidays. The main tasks are:</p>
<ul>
<li>reading a sample of children’s records</li>
<li>a staff survey</li>
<li>surveys of children, young people, parents and kinship carers</li>
<li>reviewing the partnership’s position statement and evidence</li>
<li>focus groups with staff</li>
<li>meeting children, young people and families</li>
<li>three partnership discussions with service leaders.</li>
</ul>
<p>We then publish a written report and a video report. All the forms and guidance are in
<a href="/publications/the-guide-resources-and-documents/">The Guide - resources and documents</a>.</p>
<h2>D. How children and young people take part</h2>
<p>Hearing from children and young people is at the centre of each inspection. There is a survey for them and a
separate one for parents and carers, and trained young inspection volunteers, who have experience of services
themselves, lead much of our direct contact with them. We want to hear about their wellbeing, the staff who work
with them, their experience of assessment, planning and review, and how well services involve them.</p>
""",
        documents=(
            DemoDocument(
                "The Guide - introduction: printable version",
                lines=(
                    "A. Background",
                    "B. Joint inspection focus",
                    "C. Joint inspection process",
                    "D. Children and young people's participation and involvement",
                ),
            ),
        ),  # fmt: skip
    ),
]

GUIDANCE = "guidance-and-resources"
SELF_EVALUATION = "self-evaluation"
FRAMEWORKS = "inspection-frameworks"
CORPORATE = "corporate"
STATISTICS = "statistics-and-research"
YOUNG_PEOPLE = "young-people"

# The rest of the library. Download figures stay below the seed's, so its eight lead the lists as they did.
LIBRARY_PUBLICATIONS = [
    # Guidance and resources › Adults and older people
    DemoPublication(
        title="Continence and dementia: a pocket guide for care staff",
        slug="continence-and-dementia-a-pocket-guide-for-care-staff",
        published=date(2022, 3, 8),
        downloads=8412,
        categories=(f"{GUIDANCE}/adults",),
        summary=(
            "A short guide that fits in a tunic pocket, on helping people living with dementia stay continent, "
            "from noticing the signs that someone needs the toilet to making the bathroom easy to find."
        ),
        body="""
<p>Care staff told us they wanted something they could carry on shift. This pocket guide turns good continence
care for people living with dementia into a few questions to ask yourself during the day.</p>
<h2>What it covers</h2>
<ul>
<li>Signs that a person may need the toilet but cannot say so: restlessness, pulling at clothes, walking about.</li>
<li>Regular, unhurried offers of help, at times that suit the person rather than the rota.</li>
<li>Signs, colours and lighting that make a bathroom easy to find and use.</li>
<li>Drinks through the day: fewer drinks rarely means fewer accidents.</li>
</ul>
<p>It goes with <a href="/publications/promoting-continence-for-people-living-with-dementia-and-long-term-conditions/">Promoting
continence for people living with dementia and long term conditions</a>.</p>
""",
        documents=(
            DemoDocument(
                "Continence and dementia pocket guide",
                lines=(
                    "Look for the signs. Offer help often. Make the bathroom easy to find. Keep drinks coming.",
                ),
            ),
        ),
    ),
    DemoPublication(
        title="Preventing falls and fractures in care homes",
        slug="preventing-falls-and-fractures-in-care-homes",
        published=date(2018, 5, 21),
        downloads=14236,
        categories=(f"{GUIDANCE}/adults",),
        summary=(
            "Good practice for care homes on reducing falls without restricting people, and on what to do "
            "when someone falls."
        ),
        body="""
<p>Falls are among the most common reasons older people in care homes are hurt or go to hospital. Taking away
people’s freedom to move is not the answer: it weakens muscles and makes the next fall more likely.</p>
<p>This guide helps staff understand each person’s risk, agree with them and their family what matters most,
and make the home safer to walk around. It covers footwear, eyesight, medicines that cause dizziness, lighting and
clutter, and how to check someone after a fall before helping them up.</p>
<p>Each section ends with questions a team can use to check its own practice.</p>
""",
        documents=(
            DemoDocument("Preventing falls and fractures: good practice guide"),
            DemoDocument(
                "After a fall: a checklist for staff",
                lines=("Stay with the person.", "Check for injury before moving them.", "Record and review."),
            ),
        ),
    ),
    DemoPublication(
        title="Eating and drinking well: good practice in care homes",
        slug="eating-and-drinking-well-good-practice-in-care-homes",
        published=date(2018, 11, 6),
        downloads=11870,
        categories=(f"{GUIDANCE}/adults", f"{GUIDANCE}/care-services"),
        summary=(
            "How care homes can make mealtimes something to look forward to and make sure nobody goes "
            "hungry or thirsty."
        ),
        body="""
<p>Food is about more than nutrition. A good meal, eaten in company, at a time that suits you, is one of the
pleasures of the day. This guide collects what we see in homes that get it right.</p>
<h2>Things that make a difference</h2>
<ul>
<li>Asking people what they like, and writing it down where the kitchen can see it.</li>
<li>Snacks and drinks available day and night, not only at set times.</li>
<li>Help to eat given with patience, at the person’s pace.</li>
<li>Weight and fluid checked regularly, and acted on.</li>
</ul>
""",
        documents=(DemoDocument("Eating and drinking well in care homes"),),
    ),
    DemoPublication(
        title="Anticipatory care planning: a guide for care at home services",
        slug="anticipatory-care-planning-a-guide-for-care-at-home-services",
        published=date(2023, 2, 14),
        downloads=4318,
        categories=(f"{GUIDANCE}/adults",),
        summary=(
            "Helping people who get care at home to think ahead, and to write down what they would want "
            "if their health changed."
        ),
        body="""
<p>Care at home staff often know the people they support better than anyone outside the family. That puts them in
a good position to start conversations about the future: where someone would want to be cared for, who should be
told, and what matters most to them.</p>
<p>This guide explains how to have those conversations gently, how to record the answers so that everyone who
needs them can find them, and how to keep the plan up to date when things change.</p>
""",
        documents=(
            DemoDocument("Anticipatory care planning in care at home"),
            DemoDocument("Thinking ahead: conversation prompts", accessible=False),
        ),
    ),
    DemoPublication(
        title="Managing medicines safely in care at home",
        slug="managing-medicines-safely-in-care-at-home",
        published=date(2024, 6, 3),
        downloads=6092,
        categories=(f"{GUIDANCE}/adults", f"{GUIDANCE}/care-services"),
        summary="What care at home services need in place so that people get the right medicine at the right time.",
        body="""
<p>Many people who receive care at home need help with their medicines, from a reminder to full administration.
Mistakes are more likely when the level of help is unclear or records are kept in several places.</p>
<h2>What we expect to see</h2>
<ul>
<li>A clear, written assessment of the help each person needs with medicines.</li>
<li>Staff trained and checked as competent before they help anyone.</li>
<li>One accurate record, kept in the person’s home or on a secure app.</li>
<li>Errors reported, learned from and, where needed, notified to us.</li>
</ul>
""",
        documents=(DemoDocument("Managing medicines in care at home: good practice guide"),),
    ),
    DemoPublication(
        title="Open with care: visiting in adult care homes",
        slug="open-with-care-visiting-in-adult-care-homes",
        published=date(2021, 3, 1),
        downloads=19744,
        categories=(f"{GUIDANCE}/adults", f"{GUIDANCE}/covid-19"),
        summary=(
            "How care homes can welcome visitors safely, and why contact with the people who matter is "
            "part of good care."
        ),
        body=f"""
<p>Being with the people you love is a right, not a privilege. During the pandemic many people living in care
homes went months without seeing their families, and we saw the harm that caused.</p>
<p>This guidance sets out what we expect: every resident can name people who may visit them, visits are
arranged around the resident rather than the home’s routine, and any limit on visiting is short, explained and
reviewed.</p>
<p>If you are worried that a care home is stopping visits without good reason, phone us on
{CONTACT_PHONE}.</p>
""",
        documents=(
            DemoDocument("Open with care: guidance on visiting"),
            DemoDocument("Visiting during an outbreak: questions and answers"),
        ),
        change_notes=(
            (
                date(2022, 3, 30),
                "updated",
                "Visiting as a right, in line with the Health and Social Care Standards",
            ),
            (date(2021, 10, 12), "added", "What to do when a home must close to visitors during an outbreak"),
        ),
    ),
    # Guidance and resources › Children and young people
    DemoPublication(
        title="Matching and admissions: guidance for residential services for children and young people",
        slug="matching-and-admissions-guidance-for-residential-services",
        published=date(2021, 9, 9),
        downloads=5530,
        categories=(f"{GUIDANCE}/children-and-young-people",),
        summary=(
            "How children's homes and school care accommodation should decide whether they can meet a child's "
            "needs, and how to welcome them when they arrive."
        ),
        body="""
<p>Moving into a children’s home is a big change. When a home takes a child whose needs it cannot meet, or
without thinking about the children already living there, everyone can be hurt.</p>
<p>This guidance helps services assess each referral honestly, involve the child and the young people already
living in the house, and plan the first days so that the child feels expected and wanted.</p>
""",
        documents=(DemoDocument("Matching and admissions guidance"),),
    ),
    DemoPublication(
        title="Personal plans for children and young people: a guide for providers",
        slug="personal-plans-for-children-and-young-people",
        published=date(2023, 5, 17),
        downloads=7211,
        categories=(f"{GUIDANCE}/children-and-young-people", f"{YOUNG_PEOPLE}/involving-young-people"),
        summary="What a good personal plan looks like, written with the child or young person and in words they use.",
        body="""
<p>Every child or young person in a registered care service should have a personal plan. The best plans are
short, written with the young person, and used every day rather than filed away.</p>
<p>Young people helped us write this guide. Their advice runs through it: use my words, not jargon; tell me what
is in my plan; ask me before you share it.</p>
""",
        documents=(
            DemoDocument("Personal planning for children and young people: guide for providers"),
            DemoDocument("My plan: a template to fill in together"),
        ),
    ),
    DemoPublication(
        title="Supporting transgender and non-binary young people: guidance for services",
        slug="supporting-transgender-and-non-binary-young-people",
        published=date(2022, 6, 22),
        downloads=3907,
        categories=(f"{GUIDANCE}/children-and-young-people",),
        summary=(
            "Practical advice for children's services on including and supporting transgender and "
            "non-binary young people, drawn from services that already do it well."
        ),
        body="""
<p>Services asked us how best to support young people who are transgender or non-binary. This guidance brings
together good practice we have seen, with examples from residential care, fostering and school care
accommodation.</p>
<p>It covers names and pronouns, bedrooms and bathrooms, working with families, and keeping information private.</p>
""",
        documents=(DemoDocument("Including transgender and non-binary young people"),),
    ),
    DemoPublication(
        title="Continuing care: what services need to know",
        slug="continuing-care-what-services-need-to-know",
        published=date(2024, 3, 12),
        downloads=2846,
        categories=(f"{GUIDANCE}/children-and-young-people",),
        summary=(
            "Young people in residential or foster care have a right to stay on until they are 21. "
            "This guide explains what that means for services."
        ),
        body="""
<p>Young people should not have to leave the place they call home just because they have turned 16 or 18.
Continuing care lets them stay in the same placement, with the same carers, until they are 21.</p>
<p>This guide explains how services can plan for continuing care, what changes in their registration and
staffing when a young adult stays, and how to make the move on, when it comes, a gradual one.</p>
<p>There is a version for young people: <a href="/publications/your-right-to-continuing-care/">Your right to
continuing care</a>.</p>
""",
        documents=(DemoDocument("Continuing care: guidance for services"),),
    ),
    # Guidance and resources › Early learning and childcare
    DemoPublication(
        title="Designing spaces for young children: early learning and childcare settings",
        slug="designing-spaces-for-young-children",
        published=date(2022, 2, 24),
        downloads=16408,
        categories=(f"{GUIDANCE}/early-learning-and-childcare",),
        summary=(
            "Design guidance for anyone building or changing a nursery or other childcare setting, indoors "
            "and out."
        ),
        body="""
<p>Children learn through play, and the space around them shapes how they play. This guidance is for providers,
architects and local authorities planning new early learning and childcare settings or changing existing ones.</p>
<h2>What it covers</h2>
<ul>
<li>Space per child, indoors and outdoors, and what counts towards it.</li>
<li>Natural light, fresh air, noise and places to rest.</li>
<li>Free flow between indoors and outdoors.</li>
<li>Nappy changing, toilets and hand washing.</li>
</ul>
<p>Talk to us early: changes to premises may need a variation to your registration.</p>
""",
        documents=(
            DemoDocument("Designing spaces for young children: full guidance"),
            DemoDocument("Space standards at a glance"),
        ),
    ),
    DemoPublication(
        title="Outdoor play and learning: a practice note for childminders",
        slug="outdoor-play-and-learning-for-childminders",
        published=date(2021, 5, 11),
        downloads=9115,
        categories=(f"{GUIDANCE}/early-learning-and-childcare",),
        summary="Ideas and reassurance for childminders who want children to spend more of their day outside.",
        body="""
<p>Childminders often ask us whether they are allowed to take children to the woods, the beach or the park, and
what we will look for. The short answer is yes, and we would like to see more of it.</p>
<p>This note explains how to think through the benefits and the risks together, what to tell parents, and how to
record outings without filling in forms for the sake of it.</p>
""",
        documents=(DemoDocument("Outdoor play and learning: practice note"),),
    ),
    DemoPublication(
        title="Preventing choking at mealtimes in early learning and childcare",
        slug="preventing-choking-at-mealtimes",
        published=date(2024, 9, 4),
        downloads=10362,
        categories=(f"{GUIDANCE}/early-learning-and-childcare",),
        summary="How to prepare food and supervise mealtimes so that babies and young children can eat safely.",
        body="""
<p>Young children can choke on food that adults would not think twice about. Most choking can be prevented by
preparing food the right way and by staff sitting with children while they eat.</p>
<ul>
<li>Cut round foods such as grapes and cherry tomatoes lengthways into quarters.</li>
<li>Children sit down to eat, with an adult sitting with them.</li>
<li>Every member of staff knows what to do if a child chokes.</li>
</ul>
""",
        documents=(
            DemoDocument(
                "Preventing choking: food preparation poster",
                lines=("Quarter grapes lengthways.", "Sit with children while they eat."),
            ),
        ),
        change_notes=((date(2025, 1, 20), "updated", "More advice on foods that are a choking risk"),),
    ),
    # Guidance and resources › Health and social care integration
    DemoPublication(
        title="Strategic commissioning plans: what good looks like",
        slug="strategic-commissioning-plans-what-good-looks-like",
        published=date(2018, 8, 30),
        downloads=3104,
        categories=(f"{GUIDANCE}/health-and-social-care-integration",),
        summary=(
            "What we found when we read the strategic commissioning plans of health and social care "
            "partnerships, and what the strongest plans had in common."
        ),
        body="""
<p>Every health and social care partnership must set out how it will plan and buy services for its population.
We looked at how partnerships went about this and found a wide range of approaches.</p>
<p>The strongest plans started from what local people need, were honest about money, and said clearly what
would change and by when. This report describes them so that other partnerships can learn from them.</p>
""",
        documents=(DemoDocument("Strategic commissioning plans: findings"),),
    ),
    DemoPublication(
        title="Adult support and protection: a guide for partnerships",
        slug="adult-support-and-protection-a-guide-for-partnerships",
        published=date(2023, 9, 26),
        downloads=4760,
        categories=(f"{GUIDANCE}/health-and-social-care-integration", f"{GUIDANCE}/joint-inspections"),
        summary=(
            "What partnerships can expect from a joint inspection of adult support and protection, and how "
            "to prepare for it."
        ),
        body="""
<p>We inspect adult support and protection with Healthcare Improvement Scotland and His Majesty’s Inspectorate
of Constabulary in Scotland. We look at how well adults at risk of harm are kept safe and supported, and how
well the partnership’s leaders work together.</p>
<p>This guide explains how an inspection runs, from the first letter to the published report, what we will ask
for, and how adults and their carers can tell us about their experience.</p>
""",
        documents=(
            DemoDocument("Adult support and protection inspections: guide for partnerships"),
            DemoDocument("Position statement template", accessible=False),
        ),
    ),
    DemoPublication(
        title="Moving on from hospital: a practice guide for partnerships",
        slug="moving-on-from-hospital-a-practice-guide-for-partnerships",
        published=date(2025, 4, 8),
        downloads=1982,
        categories=(f"{GUIDANCE}/health-and-social-care-integration",),
        summary="Good practice in helping people leave hospital without delay and with the right care in place.",
        body="""
<p>Waiting in hospital when you are well enough to leave is bad for you. This guide brings together what works
in partnerships that help people move on quickly and safely: planning from the day of admission, trusted
assessments shared between health and social care, and short-term care while longer support is arranged.</p>
""",
        documents=(DemoDocument("Moving on from hospital: practice guide"),),
    ),
    # Guidance and resources › Information for care services
    DemoPublication(
        title="Notifications: what to tell us and when",
        slug="notifications-what-to-tell-us-and-when",
        published=date(2023, 1, 10),
        downloads=22518,
        categories=(f"{GUIDANCE}/care-services",),
        summary=(
            "Registered care services must tell us about certain events. This guide lists the main ones and "
            "explains how to send a notification."
        ),
        body=f"""
<p>Notifications tell us about things that affect the people you support or the way your service runs. They
help us decide when to visit, and they show us that you are open about what happens in your service.</p>
<h2>Some of the events you must tell us about</h2>
<ul>
<li>the death of someone using the service;</li>
<li>a serious injury, or an allegation of abuse;</li>
<li>an outbreak of infectious illness;</li>
<li>a change of manager;</li>
<li>anything that stops the service running as usual, such as a fire or flood.</li>
</ul>
<p>Send notifications through our online portal. If you are not sure whether something needs a notification,
phone us on {CONTACT_PHONE}.</p>
""",
        documents=(
            DemoDocument("Notifications guidance for all care services"),
            DemoDocument("Notifications: quick reference table"),
        ),
        change_notes=(
            (date(2025, 6, 16), "added", "Telling us about a cyber attack or data breach"),
            (date(2024, 4, 1), "updated", "Notifying us of a change of manager"),
        ),
    ),
    DemoPublication(
        title="Registering a care service: a step-by-step guide",
        slug="registering-a-care-service-a-step-by-step-guide",
        published=date(2025, 2, 3),
        downloads=13671,
        categories=(f"{GUIDANCE}/care-services",),
        summary="Everything you need to know before you apply to register a new care service, and what happens after.",
        body="""
<p>Anyone who wants to provide a care service in Scotland must register with us first. It is an offence to
provide an unregistered care service.</p>
<h2>The steps</h2>
<ol>
<li>Check which type of service you plan to provide.</li>
<li>Prepare your policies, staffing plan and premises.</li>
<li>Apply online and pay the registration fee.</li>
<li>An inspector assesses your application, which includes a visit.</li>
<li>We decide, and tell you why.</li>
</ol>
<p>Once you are registered, your service appears in <a href="/services/">Find a care service</a>.</p>
""",
        documents=(DemoDocument("Registering a care service: step-by-step guide"),),
        change_notes=((date(2026, 1, 12), "updated", "Registration fees from April 2026"),),
    ),
    DemoPublication(
        title="Covid-19 in care homes: what we learned from our inspections",
        slug="covid-19-in-care-homes-what-we-learned",
        published=date(2022, 1, 27),
        downloads=6988,
        categories=(f"{GUIDANCE}/covid-19", f"{STATISTICS}/research-reports"),
        summary=(
            "A look back at two years of inspecting care homes during the pandemic: what helped homes "
            "cope, and what should change for the future."
        ),
        body="""
<p>Between 2020 and 2021 we carried out hundreds of inspections of care homes focused on infection prevention,
staffing and people’s wellbeing. This report draws the lessons together.</p>
<p>Homes that coped best had stable staff teams, leaders who were visible on the floor, and close links with
local health teams. The hardest harm to undo was loneliness, which is why we now inspect visiting as part of
every care home inspection.</p>
""",
        documents=(
            DemoDocument("Covid-19 in care homes: what we learned"),
            DemoDocument("Covid-19 in care homes: summary"),
        ),
    ),
    # Self-evaluation
    DemoPublication(
        title="Self-evaluation for care homes: a practical toolkit",
        slug="self-evaluation-for-care-homes-a-practical-toolkit",
        published=date(2022, 10, 5),
        downloads=15320,
        categories=(f"{SELF_EVALUATION}/care-services",),
        summary=(
            "A toolkit that helps care home teams ask how good their care is, how they know, and what they "
            "will do next."
        ),
        body="""
<p>Self-evaluation is not a form for the inspector. It is a habit: looking at your own work with the people who
live in the home, their families and your staff, and acting on what you find.</p>
<p>The toolkit follows the key questions in the <a href="/publications/quality-framework-for-care-homes-for-older-people/">quality
framework for care homes for older people</a>, with prompts, ways to gather views and a simple improvement
plan.</p>
""",
        documents=(
            DemoDocument("Self-evaluation toolkit for care homes"),
            DemoDocument("Improvement plan template", accessible=False),
        ),
    ),
    DemoPublication(
        title="Self-evaluation for care at home and housing support services",
        slug="self-evaluation-for-care-at-home-and-housing-support",
        published=date(2023, 6, 20),
        downloads=8877,
        categories=(f"{SELF_EVALUATION}/care-services",),
        summary="How support services can evaluate their own work when the care happens in people's own homes.",
        body="""
<p>In care at home and housing support, managers rarely see care being given. Self-evaluation has to rely on
what people who use the service, their families and staff say, and on good records.</p>
<p>This guide suggests simple ways to gather those views, from short phone calls to spot checks, and shows how
to turn them into an honest picture of the service.</p>
""",
        documents=(DemoDocument("Self-evaluation for support services"),),
    ),
    DemoPublication(
        title="Restrictive practices: a self-evaluation tool for children's services",
        slug="restrictive-practices-a-self-evaluation-tool",
        published=date(2024, 2, 27),
        downloads=5214,
        categories=(f"{SELF_EVALUATION}/care-services", f"{GUIDANCE}/children-and-young-people"),
        summary=(
            "A tool for children's services to check how, when and why they restrict what young people "
            "can do, and how to do it less."
        ),
        body="""
<p>Keeping children safe sometimes means limiting what they can do. But every restriction, from a locked door
to physical restraint, affects a child’s rights and can harm their trust in the adults caring for them.</p>
<p>This tool helps teams look at the restrictions they use, hear from the children affected, and find safer
alternatives. We developed it with services and with young people who have lived with restrictive practices.</p>
""",
        documents=(DemoDocument("Restrictive practices self-evaluation tool"),),
    ),
    DemoPublication(
        title="Self-evaluation for early learning and childcare: a quick guide",
        slug="self-evaluation-for-early-learning-and-childcare",
        published=date(2022, 11, 15),
        downloads=12045,
        categories=(f"{SELF_EVALUATION}/early-learning-and-childcare",),
        summary="A short introduction to self-evaluation for nurseries and out of school care, with examples.",
        body="""
<p>Good settings are always asking what is working for children and what could be better. This quick guide
shows how to make that part of the week, using the quality framework for early learning and childcare.</p>
<p>It includes examples of how settings have involved children in evaluating their play spaces, and how to
record improvement without extra paperwork.</p>
""",
        documents=(DemoDocument("Self-evaluation for early learning and childcare: quick guide"),),
    ),
    DemoPublication(
        title="Self-evaluation for childminders: getting started",
        slug="self-evaluation-for-childminders-getting-started",
        published=date(2023, 8, 29),
        downloads=9630,
        categories=(f"{SELF_EVALUATION}/early-learning-and-childcare",),
        summary="Self-evaluation made simple for childminders, who often work alone and need it to be quick.",
        body="""
<p>Childminders often tell us self-evaluation feels like something meant for bigger services. It does not have
to be. This guide suggests a few questions to return to each month, ways of hearing from children and parents,
and how to show your inspector what you have learned.</p>
""",
        documents=(DemoDocument("Self-evaluation for childminders"),),
    ),
    DemoPublication(
        title="Self-evaluation for adult support and protection partnerships",
        slug="self-evaluation-for-adult-support-and-protection",
        published=date(2021, 11, 30),
        downloads=2377,
        categories=(f"{SELF_EVALUATION}/partnerships",),
        summary=(
            "Quality indicators and practical methods that adult protection committees can use to evaluate "
            "their work together."
        ),
        body="""
<p>Partnerships that evaluate their own work regularly are better placed to protect adults at risk of harm. This
guide offers a way of reading case records together, surveying staff and hearing from adults and carers, using
the same quality indicators as our joint inspections.</p>
""",
        documents=(DemoDocument("Adult support and protection: self-evaluation guide"),),
    ),
    DemoPublication(
        title="Evaluating integration: a self-evaluation guide for health and social care partnerships",
        slug="evaluating-integration-a-self-evaluation-guide",
        published=date(2018, 3, 19),
        downloads=2911,
        categories=(f"{SELF_EVALUATION}/partnerships", f"{GUIDANCE}/health-and-social-care-integration"),
        summary="How health and social care partnerships can judge how far integration is making a difference to people.",
        body="""
<p>Integration is meant to make care more joined up for the people who use it. This guide helps partnerships ask
whether it has, using evidence from people who use services, staff and performance data.</p>
<p>We wrote it with Healthcare Improvement Scotland and tested it with three partnerships.</p>
""",
        documents=(DemoDocument("Evaluating integration: self-evaluation guide"),),
    ),
    DemoPublication(
        title="The model for improvement: testing changes with PDSA cycles",
        slug="the-model-for-improvement-testing-changes-with-pdsa-cycles",
        published=date(2020, 10, 13),
        downloads=7402,
        categories=(f"{SELF_EVALUATION}/improvement-support",),
        summary=(
            "A plain guide to the model for improvement and plan-do-study-act cycles, with examples from "
            "care services."
        ),
        body="""
<p>Big changes often fail because they are tried everywhere at once. The model for improvement asks three
questions: what are we trying to achieve, how will we know a change is an improvement, and what change can we
try?</p>
<p>Plan-do-study-act (PDSA) cycles then test one small change at a time: with one person, on one shift, for one
week. This guide walks through examples from a care home, a nursery and a care at home service.</p>
""",
        documents=(
            DemoDocument(
                "The model for improvement: a guide for care services",
                lines=(
                    "Plan: what will we try?",
                    "Do: try it, small.",
                    "Study: what happened?",
                    "Act: adapt, adopt or abandon.",
                ),
            ),
        ),
    ),
    DemoPublication(
        title="Measuring improvement: run charts for care services",
        slug="measuring-improvement-run-charts-for-care-services",
        published=date(2024, 11, 19),
        downloads=1468,
        categories=(f"{SELF_EVALUATION}/improvement-support",),
        summary="How to plot a simple run chart and tell a real improvement from ordinary ups and downs.",
        body="""
<p>A run chart is a line graph of one measure over time, such as falls each week. It is the simplest way to see
whether a change you have made is working.</p>
<p>This guide shows how to draw one by hand or in a spreadsheet, and gives four simple rules for spotting a
real change rather than chance.</p>
""",
        documents=(DemoDocument("Run charts for care services"),),
    ),
    # Inspection frameworks
    DemoPublication(
        title="Quality framework for care homes for older people",
        slug="quality-framework-for-care-homes-for-older-people",
        published=date(2018, 7, 2),
        downloads=24310,
        categories=(f"{FRAMEWORKS}/care-homes-for-adults",),
        summary=(
            "The framework our inspectors use in care homes for older people, and that homes can use to "
            "evaluate themselves."
        ),
        body="""
<p>The quality framework sets out what good care looks like in a care home for older people, based on the
Health and Social Care Standards. It is organised around key questions, such as how well we support people’s
wellbeing and how good our leadership is.</p>
<p>Each quality indicator comes with illustrations of what very good and weak care might look like. Inspectors
use them to reach evaluations on our <a href="/publications/the-six-point-scale-how-we-evaluate-and-grade-care/">six-point
scale</a>.</p>
""",
        documents=(
            DemoDocument("Quality framework for care homes for older people"),
            DemoDocument("Key question 7: supplement"),
        ),
        change_notes=(
            (date(2024, 7, 1), "updated", "New illustrations of quality for key question 1"),
            (date(2022, 4, 4), "added", "Key question 7 on infection prevention and control and staffing"),
        ),
    ),
    DemoPublication(
        title="Quality framework for care homes for adults",
        slug="quality-framework-for-care-homes-for-adults",
        published=date(2021, 7, 5),
        downloads=17583,
        categories=(f"{FRAMEWORKS}/care-homes-for-adults",),
        summary="The quality framework for care homes for adults with learning disabilities, physical disabilities or mental health needs.",
        body="""
<p>Adults living in care homes are often young, and may live there for many years. This framework puts choice,
control and a full life at its centre: work, learning, friendships and being part of the community.</p>
""",
        documents=(DemoDocument("Quality framework for care homes for adults"),),
    ),
    DemoPublication(
        title="Quality framework for support services: care at home and housing support",
        slug="quality-framework-for-support-services",
        published=date(2021, 4, 26),
        downloads=18926,
        categories=(f"{FRAMEWORKS}/care-at-home-and-housing-support",),
        summary=(
            "The framework for inspecting and evaluating care at home, housing support and other support "
            "services."
        ),
        body="""
<p>Support services help people live the lives they want in their own homes. This framework looks at how well
they do that: whether people are involved in planning their support, whether staff arrive when expected, and
whether support changes as people’s needs do.</p>
""",
        documents=(DemoDocument("Quality framework for support services"),),
    ),
    DemoPublication(
        title="Quality framework for care homes for children and young people and school care accommodation",
        slug="quality-framework-for-childrens-care-homes-and-school-care-accommodation",
        published=date(2022, 4, 19),
        downloads=16742,
        categories=(f"{FRAMEWORKS}/children-and-young-people",),
        summary=(
            "The framework for children's homes, secure care and school care accommodation, including key "
            "question 7 on how services keep The Promise."
        ),
        body="""
<p>This framework describes the care every child or young person living away from home should expect: safe,
loving relationships, a say in decisions, and support to do well in education and beyond.</p>
<p>Key question 7 asks how well children’s rights and wellbeing are protected and promoted, and how the service
is keeping The Promise.</p>
""",
        documents=(
            DemoDocument("Quality framework for children's care homes and school care accommodation"),
            DemoDocument("Key question 7 self-evaluation toolkit"),
        ),
        change_notes=(
            (
                date(2024, 4, 2),
                "updated",
                "Key question 7 kept after review, with new self-evaluation toolkits",
            ),
        ),
    ),
    DemoPublication(
        title="Quality framework for fostering and adoption services",
        slug="quality-framework-for-fostering-and-adoption-services",
        published=date(2023, 3, 28),
        downloads=6459,
        categories=(f"{FRAMEWORKS}/children-and-young-people", f"{GUIDANCE}/children-and-young-people"),
        summary="How we evaluate fostering and adoption agencies, and how they can evaluate themselves.",
        body="""
<p>Fostering and adoption services find, prepare and support the families who care for children who cannot
live with their birth parents. This framework looks at the experiences of children, the support carers and
adopters receive, and how well the agency plans for permanence.</p>
""",
        documents=(DemoDocument("Quality framework for fostering and adoption services"),),
    ),
    DemoPublication(
        title="Quality framework for daycare of children, childminding and school-aged childcare",
        slug="quality-framework-for-early-learning-and-childcare",
        published=date(2022, 9, 13),
        downloads=23481,
        categories=(
            f"{FRAMEWORKS}/early-learning-and-childcare",
            f"{SELF_EVALUATION}/early-learning-and-childcare",
        ),
        summary=(
            "One framework for nurseries, childminders and out of school care, used both for inspection "
            "and for self-evaluation."
        ),
        body="""
<p>This framework covers all early learning and childcare services that we inspect. It looks at children’s play
and learning, the setting, leadership and staff, and is shared with Education Scotland so that settings can use
one framework for both inspectorates.</p>
<p>Childminders use a shorter version, with illustrations chosen for a home setting.</p>
""",
        documents=(
            DemoDocument("Quality framework for early learning and childcare"),
            DemoDocument("Quality framework for childminders"),
        ),
    ),
    DemoPublication(
        title="Quality indicators for joint inspections of adult services",
        slug="quality-indicators-for-joint-inspections-of-adult-services",
        published=date(2023, 10, 24),
        downloads=3288,
        categories=(f"{FRAMEWORKS}/strategic-inspections", f"{GUIDANCE}/joint-inspections"),
        summary=(
            "The quality indicators we and Healthcare Improvement Scotland use when we inspect how a "
            "partnership serves its adult population."
        ),
        body="""
<p>Joint inspections look at a whole partnership, not a single service. These quality indicators cover outcomes
for people, how services are planned and delivered, and leadership, and they are used by every inspection team so
that partnerships can be compared fairly.</p>
""",
        documents=(DemoDocument("Quality indicators for joint inspections of adult services"),),
    ),
    DemoPublication(
        title="Quality indicators for joint inspections of services for children at risk of harm",
        slug="quality-indicators-for-joint-inspections-of-services-for-children-at-risk-of-harm",
        published=date(2021, 7, 6),
        downloads=5877,
        categories=(f"{FRAMEWORKS}/strategic-inspections", f"{GUIDANCE}/joint-inspections"),
        summary=(
            "The quality indicators joint inspection teams use to judge how well a partnership keeps children "
            "and young people at risk of harm safe."
        ),
        body="""
<p>These indicators focus joint inspections on what matters most to children at risk of harm: whether risks are
recognised and acted on early, whether children’s lives get better, and whether they and their families are
listened to.</p>
<p>The documents used during an inspection are in
<a href="/publications/the-guide-resources-and-documents/">The Guide - resources and documents</a>.</p>
""",
        documents=(DemoDocument("Quality indicators for services for children at risk of harm"),),
    ),
    DemoPublication(
        title="The six-point scale: how we evaluate and grade care",
        slug="the-six-point-scale-how-we-evaluate-and-grade-care",
        published=date(2020, 1, 22),
        downloads=20117,
        categories=(FRAMEWORKS,),
        summary="What each grade from 1 (unsatisfactory) to 6 (excellent) means, and how inspectors decide.",
        body="""
<p>When we inspect, we evaluate key questions and quality indicators on a six-point scale:</p>
<ol>
<li>Unsatisfactory</li>
<li>Weak</li>
<li>Adequate</li>
<li>Good</li>
<li>Very good</li>
<li>Excellent</li>
</ol>
<p>Grades are based on evidence gathered during the inspection, weighed against the illustrations in the quality
framework for that type of service. A grade is a professional judgement, not a score added up from a checklist.</p>
""",
        documents=(
            DemoDocument(
                "The six-point scale explained",
                lines=("6 Excellent", "5 Very good", "4 Good", "3 Adequate", "2 Weak", "1 Unsatisfactory"),
            ),
        ),
    ),
    # Corporate
    *(
        DemoPublication(
            title=f"Annual report and accounts {year} to {year + 1}",
            slug=f"annual-report-and-accounts-{year}-to-{year + 1}",
            published=published,
            downloads=downloads,
            categories=(f"{CORPORATE}/annual-reports",),
            summary=(
                f"What we did between April {year} and March {year + 1}, what it cost, and how well we met "
                "the goals in our corporate plan."
            ),
            body=f"""
<p>Our annual report sets out the work we did in {year} to {year + 1}: the inspections we carried out, the
complaints we investigated, the services we registered and the improvement support we gave.</p>
<p>The accounts show how we spent the public money we receive and the fees paid by care services. They have been
audited and laid before the Scottish Parliament.</p>
""",
            documents=(
                DemoDocument(f"Annual report and accounts {year} to {year + 1}"),
                DemoDocument(f"Annual report {year} to {year + 1}: summary"),
            ),
        )
        for year, published, downloads in (
            (2021, date(2022, 10, 27), 1204),
            (2022, date(2023, 10, 26), 1093),
            (2023, date(2024, 10, 31), 987),
            (2024, date(2025, 10, 30), 642),
        )
    ),
    DemoPublication(
        title="Corporate plan 2022 to 2025",
        slug="corporate-plan-2022-to-2025",
        published=date(2022, 4, 1),
        downloads=2760,
        categories=(f"{CORPORATE}/plans-and-strategies",),
        summary="Our aims for 2022 to 2025 as we recovered from the pandemic, and how we would measure progress.",
        body="""
<p>This plan set out four aims: high-quality care for everyone, a focus on people’s rights, scrutiny that
supports improvement, and an organisation that learns.</p>
""",
        documents=(DemoDocument("Corporate plan 2022 to 2025"),),
    ),
    DemoPublication(
        title="Corporate plan 2025 to 2028",
        slug="corporate-plan-2025-to-2028",
        published=date(2025, 4, 1),
        downloads=1317,
        categories=(f"{CORPORATE}/plans-and-strategies",),
        summary="What we want to achieve over the next three years, and the measures we will report against.",
        body="""
<p>Our plan for 2025 to 2028 commits us to inspecting where risk is highest, hearing more from people who
experience care, and making better use of what we know about services to support improvement early.</p>
""",
        documents=(
            DemoDocument("Corporate plan 2025 to 2028"),
            DemoDocument("Corporate plan 2025 to 2028: easy read"),
        ),
        change_notes=((date(2025, 9, 18), "added", "Our measures of success for 2025 to 2026"),),
    ),
    DemoPublication(
        title="Equality, diversity and inclusion strategy 2023 to 2026",
        slug="equality-diversity-and-inclusion-strategy-2023-to-2026",
        published=date(2023, 4, 25),
        downloads=1561,
        categories=(f"{CORPORATE}/plans-and-strategies", f"{CORPORATE}/policies"),
        summary="How we will promote equality and tackle discrimination in our own work and through our scrutiny.",
        body="""
<p>This strategy sets out our equality outcomes, both as an employer and as a regulator. We will check that
services respect the rights of everyone who uses them, and we will make our own website, forms and reports
accessible to all.</p>
""",
        documents=(DemoDocument("Equality, diversity and inclusion strategy 2023 to 2026"),),
    ),
    DemoPublication(
        title="Consultation: how we will inspect care at home",
        slug="consultation-how-we-will-inspect-care-at-home",
        published=timedelta(days=14),
        downloads=0,
        categories=(f"{CORPORATE}/plans-and-strategies",),
        summary="We are proposing changes to how we inspect care at home services and would like to hear your views.",
        body="""
<p>We propose to spend more of each care at home inspection visiting people in their own homes, and less time
in the office reading records. We would like to hear from people who use care at home, their families, staff and
providers.</p>
""",
        documents=(DemoDocument("Consultation paper: inspecting care at home"),),
    ),
    *(
        DemoPublication(
            title=f"Board meeting papers: {meeting:%B %Y}",
            slug=f"board-meeting-papers-{meeting:%B-%Y}".lower(),
            published=meeting - timedelta(days=7),
            downloads=downloads,
            categories=(f"{CORPORATE}/board-papers",),
            summary=f"The agenda and papers for the public meeting of our board on {meeting.day} {meeting:%B %Y}.",
            body=f"""
<p>Our board meets in public four times a year. These are the papers for the meeting on {meeting.day}
{meeting:%B %Y}. Minutes are published once the board has approved them at its next meeting.</p>
""",
            documents=tuple(
                DemoDocument(f"{title} ({meeting:%B %Y})", number=f"{number:02}")
                for number, title in enumerate(items, start=1)
            ),
        )
        for meeting, downloads, items in (
            (date(2026, 3, 26), 214, ("Agenda", "Chief executive's report", "Budget 2026 to 2027")),
            (date(2026, 6, 25), 163, ("Agenda", "Chief executive's report", "Complaints performance report")),
        )
    ),
    DemoPublication(
        title="Our enforcement policy: what we do when care is not good enough",
        slug="our-enforcement-policy",
        published=date(2018, 12, 11),
        downloads=4930,
        categories=(f"{CORPORATE}/policies",),
        summary="When and how we use our legal powers to make a care service improve, or to stop it operating.",
        body="""
<p>Most services improve when we tell them what needs to change. When they do not, or when people are at
serious risk, we can take formal action: requirements with deadlines, an improvement notice, conditions on
registration, or, in the most serious cases, an application to a sheriff to cancel the registration.</p>
<p>This policy explains how we decide, and how services can appeal.</p>
""",
        documents=(DemoDocument("Enforcement policy"),),
    ),
    DemoPublication(
        title="Complaints about us: our complaints handling procedure",
        slug="complaints-about-us-our-complaints-handling-procedure",
        published=date(2021, 2, 16),
        downloads=1742,
        categories=(f"{CORPORATE}/policies",),
        summary="How to complain about the Care Inspectorate itself, and what happens when you do.",
        body="""
<p>If you are unhappy with something we have done or not done, please tell us. We aim to resolve most
complaints quickly, within five working days. If you are still not satisfied, we will investigate and reply within
20 working days.</p>
<p>This procedure is for complaints about us. To complain about a care service, use our
<a href="/complaints/">complaints form</a>.</p>
""",
        documents=(DemoDocument("Complaints handling procedure"),),
    ),
    DemoPublication(
        title="Records management plan",
        slug="records-management-plan",
        published=date(2024, 8, 13),
        downloads=412,
        categories=(f"{CORPORATE}/policies",),
        summary="How we create, keep and dispose of our records, as the Public Records (Scotland) Act 2011 requires.",
        body="""
<p>Our records management plan describes who is responsible for our records, how long we keep each kind, and
how we keep information secure. It has been agreed with the Keeper of the Records of Scotland.</p>
""",
        documents=(
            DemoDocument("Records management plan"),
            DemoDocument("Retention schedule", accessible=False),
        ),
    ),
    # Statistics and research
    *(
        DemoPublication(
            title=f"Early learning and childcare statistics {year}",
            slug=f"early-learning-and-childcare-statistics-{year}",
            published=published,
            downloads=downloads,
            categories=(f"{STATISTICS}/early-learning-and-childcare-statistics",),
            summary=(
                f"How many early learning and childcare services and places there were in Scotland at the end of "
                f"{year}, and how they changed over the year."
            ),
            body=f"""
<p>Every year, registered early learning and childcare services tell us about their places, staff and the
children who attend. These statistics summarise their returns for {year}, by type of service and local
authority.</p>
<p>The number of childminders has fallen every year for more than a decade. The tables show where the fall has
been steepest.</p>
""",
            documents=(
                DemoDocument(f"Early learning and childcare statistics {year}"),
                DemoDocument(f"Early learning and childcare statistics {year}: tables", accessible=False),
            ),
            change_notes=notes,
        )
        for year, published, downloads, notes in (
            (2022, date(2023, 11, 28), 3846, ()),
            (
                2024,
                date(2025, 11, 25),
                2133,
                ((date(2025, 12, 9), "updated", "Corrected table 4: services by local authority"),),
            ),
        )
    ),
    *(
        DemoPublication(
            title=f"Complaints about care services {year} to {year + 1}",
            slug=f"complaints-about-care-services-{year}-to-{year + 1}",
            published=published,
            downloads=downloads,
            categories=(f"{STATISTICS}/complaints-statistics",),
            summary=(
                f"The complaints about care services we received between April {year} and March {year + 1}, "
                "what they were about and what we found."
            ),
            body=f"""
<p>This report counts the complaints about registered care services that we received in {year} to {year + 1},
by type of service, by what the complaint was about and by outcome.</p>
<p>As in earlier years, most complaints were about care homes for older people, and the most common subjects
were healthcare, communication and staffing.</p>
""",
            documents=(DemoDocument(f"Complaints about care services {year} to {year + 1}"),),
        )
        for year, published, downloads in (
            (2021, date(2022, 8, 23), 2604),
            (2023, date(2024, 8, 20), 1918),
            (2025, date(2026, 8, 18), 512),
        )
    ),
    DemoPublication(
        title="Staff vacancies in care services 2024",
        slug="staff-vacancies-in-care-services-2024",
        published=date(2025, 9, 16),
        downloads=5702,
        categories=(f"{STATISTICS}/care-sector-statistics",),
        summary="How many care services had vacancies in 2024, which posts were hardest to fill, and why.",
        body="""
<p>Services told us about their staff vacancies in their annual returns. Nearly half of care services had at
least one vacancy, and posts for nurses and care at home staff were the hardest to fill.</p>
<p>We publish this with the Scottish Social Services Council.</p>
""",
        documents=(DemoDocument("Staff vacancies in care services 2024"),),
    ),
    DemoPublication(
        title="Registered care services in Scotland: a statistical summary for 2025",
        slug="registered-care-services-in-scotland-2025",
        published=date(2026, 5, 12),
        downloads=1126,
        categories=(f"{STATISTICS}/care-sector-statistics",),
        summary="The number and kinds of registered care services at the end of 2025, and the grades they held.",
        body="""
<p>At the end of 2025 there were just over 10,000 registered care services in Scotland. This summary breaks the
register down by type of service, provider sector and local authority, and shows how grades have changed.</p>
<p>The register itself is open: you can search it in <a href="/services/">Find a care service</a>.</p>
""",
        documents=(
            DemoDocument("Registered care services in Scotland 2025"),
            DemoDocument("Registered care services 2025: data tables", accessible=False),
        ),
    ),
    DemoPublication(
        title="Why children in residential care rarely complain: research findings",
        slug="why-children-in-residential-care-rarely-complain",
        published=date(2020, 2, 18),
        downloads=3415,
        categories=(f"{STATISTICS}/research-reports", f"{YOUNG_PEOPLE}/involving-young-people"),
        summary=(
            "Very few children living in residential care complain to us. We asked young people why, and "
            "what would make it easier."
        ),
        body="""
<p>Children and young people in residential care made only a handful of the complaints we received. We talked
to young people about why.</p>
<p>They told us they did not know they could complain to us, worried about getting staff into trouble, or did
not believe anything would change. Many said they would rather send a text than fill in a form or make a phone
call. That led to our <a href="/publications/text-us-to-complain-a-guide-for-young-people/">text to complain
service</a>.</p>
""",
        documents=(DemoDocument("Why children in residential care rarely complain"),),
    ),
    DemoPublication(
        title="Children placed far from home: a study of distance placements",
        slug="children-placed-far-from-home",
        published=date(2021, 6, 8),
        downloads=2598,
        categories=(f"{STATISTICS}/research-reports", f"{GUIDANCE}/children-and-young-people"),
        summary=(
            "What happens to children placed in care far from their home community, and how their rights "
            "to family life and education can be upheld."
        ),
        body="""
<p>Some children are placed in care a long way from their families, friends and school, sometimes in another
country of the UK. We looked at the records of children in distance placements and talked to some of them.</p>
<p>Some placements gave children stability they had not had before. Others cut them off from the people who
mattered to them. The report makes recommendations for local authorities and services.</p>
""",
        documents=(DemoDocument("Children placed far from home: report"),),
    ),
    DemoPublication(
        title="Technology in care at home: what people told us",
        slug="technology-in-care-at-home-what-people-told-us",
        published=date(2025, 7, 22),
        downloads=1376,
        categories=(f"{STATISTICS}/research-reports",),
        summary="People who receive care at home told us how sensors, video calls and apps have changed their care.",
        body="""
<p>More care at home services now use technology, from door sensors to video calls to digital care records.
We asked people who receive care, their families and staff what difference it has made.</p>
<p>Most welcomed technology that gave them more independence. Few wanted it to replace a visit from a person.</p>
""",
        documents=(DemoDocument("Technology in care at home: findings"),),
    ),
    # Young people
    DemoPublication(
        title="Text us to complain: a guide for young people",
        slug="text-us-to-complain-a-guide-for-young-people",
        published=date(2023, 6, 6),
        downloads=4512,
        categories=(f"{YOUNG_PEOPLE}/for-young-people", f"{GUIDANCE}/children-and-young-people"),
        summary=(
            "If you are a young person and you are not happy about your care, you can complain to us by "
            "text message. Here is how, and what happens next."
        ),
        body=f"""
<p>If something about your care is not right, you can tell us by sending a text message. You do not need to
fill in a form or phone anyone.</p>
<h2>How to complain by text</h2>
<p>Text us on {TEXT_TO_COMPLAIN_NUMBER}. Tell us your name, where you live and what is wrong. You can send as many
messages as you need.</p>
<h2>What happens next</h2>
<ul>
<li>We will text you back, usually within two working days.</li>
<li>Someone from our complaints team will talk to you about what you want to happen.</li>
<li>We will not tell the staff who you are unless you say it is OK, or unless we are worried you are not safe.</li>
</ul>
<p>You can also <a href="/complaints/">complain online</a> or phone us on {CONTACT_PHONE}.</p>
""",
        documents=(
            DemoDocument(
                "Text us to complain: poster for young people",
                lines=(f"Not happy about your care? Text us on {TEXT_TO_COMPLAIN_NUMBER}.",),
            ),
            DemoDocument("Text us to complain: guide for young people"),
        ),
        change_notes=((date(2024, 11, 5), "updated", "What happens after you text us"),),
    ),
    DemoPublication(
        title="What happens when we inspect where you live: a guide for young people",
        slug="what-happens-when-we-inspect-where-you-live",
        published=date(2022, 7, 19),
        downloads=3090,
        categories=(f"{YOUNG_PEOPLE}/for-young-people",),
        summary="What an inspection is, who will come, and how you can tell the inspectors what you think.",
        body="""
<p>Inspectors visit the place you live to find out whether it is a good place to grow up. The most important
part of their visit is talking to you.</p>
<p>You can talk to an inspector on your own or with someone you trust, fill in a short survey, or not take part
at all. What you say helps us decide what the service needs to do better.</p>
""",
        documents=(DemoDocument("What happens when we inspect where you live"),),
    ),
    DemoPublication(
        title="Your right to continuing care: a guide for young people",
        slug="your-right-to-continuing-care",
        published=date(2024, 5, 14),
        downloads=1687,
        categories=(f"{YOUNG_PEOPLE}/for-young-people",),
        summary="If you live in residential or foster care, you may be able to stay where you are until you are 21.",
        body="""
<p>You should not have to leave your home just because you have had a birthday. If you are in residential or
foster care when you turn 16, you can ask to stay where you are until you are 21.</p>
<p>This guide explains how to ask, who can help you, and what to do if the answer is no.</p>
""",
        documents=(DemoDocument("Your right to continuing care"),),
    ),
    DemoPublication(
        title="Staying connected with your brothers and sisters",
        slug="staying-connected-with-your-brothers-and-sisters",
        published=date(2025, 3, 4),
        downloads=1203,
        categories=(f"{YOUNG_PEOPLE}/for-young-people",),
        summary="Your right to keep in touch with your brothers and sisters when you are in care, and how to ask for it.",
        body="""
<p>Brothers and sisters should live together where that is right for them, and keep in touch when they cannot.
This short guide, written with young people who have experience of care, explains your rights and who to talk to.</p>
""",
        documents=(DemoDocument("Staying connected with your brothers and sisters"),),
    ),
    DemoPublication(
        title="Becoming a young inspection volunteer",
        slug="becoming-a-young-inspection-volunteer",
        published=date(2023, 1, 24),
        downloads=2245,
        categories=(f"{YOUNG_PEOPLE}/involving-young-people",),
        summary=(
            "If you are aged 18 to 26 and have experience of care, you could join our inspections and help "
            "children and young people have their say."
        ),
        body="""
<p>Young inspection volunteers visit children’s services with our inspectors. They talk to children and young
people about their care, and their experience helps young people open up.</p>
<p>We pay expenses, give full training and support you throughout. You do not need any qualifications.</p>
""",
        documents=(DemoDocument("Young inspection volunteers: role description"),),
    ),
    DemoPublication(
        title="Young inspection volunteers: our year in 2025",
        slug="young-inspection-volunteers-our-year-in-2025",
        published=date(2026, 2, 10),
        downloads=388,
        categories=(f"{YOUNG_PEOPLE}/involving-young-people",),
        summary="Our young inspection volunteers describe the inspections they joined and the changes they saw in 2025.",
        body="""
<p>In 2025 our young inspection volunteers took part in more than sixty inspections and spoke to over four
hundred children and young people. In this report they describe what they heard, and what they want services
to change.</p>
""",
        documents=(DemoDocument("Young inspection volunteers: our year in 2025"),),
    ),
    DemoPublication(
        title="Involving young people in recruiting staff: good practice for services",
        slug="involving-young-people-in-recruiting-staff",
        published=date(2021, 8, 17),
        downloads=2932,
        categories=(f"{YOUNG_PEOPLE}/involving-young-people", f"{GUIDANCE}/children-and-young-people"),
        summary="How children's services can involve young people in choosing the staff who will care for them.",
        body="""
<p>Young people are good judges of who will be good at caring for them. Many services now include young people
on interview panels or ask candidates to spend time with them.</p>
<p>This guide shares what works: preparing young people for the role, paying them for their time, and always
telling them what was decided and why.</p>
""",
        documents=(DemoDocument("Involving young people in recruitment"),),
    ),
]

DEMO_PUBLICATIONS = SEED_PUBLICATIONS + LIBRARY_PUBLICATIONS
