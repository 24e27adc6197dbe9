"""The demo library: the eight publications of the seed's category page, in our own words.

Titles, publication dates, download figures, document lists and dated
change notes are the seed's; every sentence of every body is new. Phone
numbers come from the settings, as everywhere else.
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings

CONTACT_PHONE = settings.CONTACT_PHONE
TEXT_TO_COMPLAIN_NUMBER = settings.TEXT_TO_COMPLAIN_NUMBER

TOP_CATEGORY = (
    "Guidance and resources",
    "guidance-and-resources",
    (
        "Guidance for care services, partnerships and the public, with the resources and documents "
        "that go with our inspections."
    ),
)
SUBCATEGORIES = [
    ("Adults and older people", "adults", "Care and support for adults, including people living with dementia."),
    ("Children and young people", "children-and-young-people", "Services for children and young people, and how we inspect them."),
    ("Joint inspections", "joint-inspections", "Inspections we carry out with other scrutiny bodies across a partnership area."),
    ("Covid-19", "covid-19", "How we inspected and kept in touch with services during the pandemic."),
    ("Information for care services", "care-services", "Practical help for registered services and their staff."),
]  # fmt: skip


@dataclass(frozen=True)
class DemoDocument:
    title: str
    number: str = ""
    accessible: bool = True
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoPublication:
    title: str
    slug: str
    published: date
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

DEMO_PUBLICATIONS = [
    DemoPublication(
        title="Promoting continence for people living with dementia and long term conditions",
        slug="promoting-continence-for-people-living-with-dementia-and-long-term-conditions",
        published=date(2015, 9, 15),
        downloads=34341,
        categories=("adults", "care-services"),
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
        categories=("children-and-young-people",),
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
        categories=("adults", "joint-inspections"),
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
        categories=("covid-19",),
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
        categories=("care-services",),
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
        categories=("children-and-young-people", "joint-inspections"),
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
        categories=("covid-19", "care-services"),
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
        categories=("children-and-young-people", "joint-inspections"),
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
