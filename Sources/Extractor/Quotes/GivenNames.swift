/// Common given names by the gender they usually mark, for telling whom "he" or "she" can refer to.
/// A name on neither list says nothing; a name on both (Jordan, Kelly) says nothing either. Lower-case,
/// diacritics folded, as `Token.normalized` has them.
enum GivenNames {
    enum Gender: Sendable { case male, female }

    static func gender(of normalized: String) -> Gender? {
        let male = maleSet.contains(normalized), female = femaleSet.contains(normalized)
        if male == female { return nil }
        return male ? .male : .female
    }

    static func isGivenName(_ normalized: String) -> Bool {
        maleSet.contains(normalized) || femaleSet.contains(normalized)
    }

    /// Every given name either list holds.
    static var all: Set<String> { maleSet.union(femaleSet) }

    private static let maleSet: Set<String> = Set(male.split(separator: " ").map(String.init))
    private static let femaleSet: Set<String> = Set(female.split(separator: " ").map(String.init))

    private static let male = """
        aaron abdul abdullah abraham barack adam adrian ahmed al alan albert alberto alec alejandro alex alexander alexandre \
        alexei alexey alfred ali allen alvin amos anders andre andrea andreas andres andrew andrzej andy angel angelo anthony \
        antonio antony archie arnold arthur ashraf austin barack barry bart ben benjamin benny bernard bernie bert bill \
        billy bjorn bob bobby boris brad bradley brandon brendan brent brett brian bruce bruno bryan buck buddy byron \
        caleb calvin cameron carl carlo carlos cecil cesar chad charles charlie chester chip chris christian christopher \
        chuck clarence clark claude clay clayton clifford clint clinton clyde cody colin connor conrad corey cory craig \
        curt curtis cyrus dale dallas damian dan daniel danny darrell darren dave david dean denis dennis derek devin \
        dick diego dimitri dmitry dmitri dominic don donald doug douglas drew duane duncan dustin dwayne dwayne dwight earl \
        ed eddie edgar edmund eduardo edward edwin elias elijah elliot elliott elon emil emile emmanuel enrique eric \
        erik ernest ernesto eugene evan everett ezra fabio federico felipe felix fernando floyd francesco francis \
        francisco frank frankie franklin fred freddie frederick gabriel gareth garrett gary gavin gene geoff geoffrey \
        george gerald gerard gerhard gilbert giorgio giovanni giuseppe glenn gordon graham grant greg gregg gregory \
        guillermo gunnar gus guy hank hans harold harry harvey hassan hector heinrich helmut henry herbert herman \
        hillel horace howard hubert hugh hugo hussein ian igor ike isaac ivan jack jackson jacob jacques jaime jake \
        james jamie jan jared jason javier jay jean jeb jeff jefferson jeffrey jeremy jerome jerry jesse jesus jim \
        jimmy joachim joe joel joey johan johann john johnny jon jonathan jorge jose josef joseph josh joshua juan \
        julian julius justin karl keith ken kenneth kevin khalid kirk klaus konrad kurt kyle lamar lance larry lars \
        lawrence lee leo leon leonard leroy lester lewis lindsey lincoln lloyd lonnie louis lucas luigi luis luke \
        luther lyndon malcolm manuel marc marcel marco marcus mario mark marko marshall martin marvin mathew matt \
        matteo matthew matthias maurice max maxim maxwell melvin michael michel miguel mikael mike mikhail milton \
        mitch mitchell mitt mohammad mohammed muhammad murray nathan nathaniel neil nelson newt nicholas nick nicola \
        nicolas niels nigel noah norman oleg oliver omar orrin oscar otto owen pablo paolo pat patrick paul pedro \
        perry pete peter phil philip philippe phillip pierre preston rafael ralph ramon randall randy raphael raul \
        ray raymond reggie reince rex ricardo richard rick ricky rob robert roberto rod rodney roger roland roman \
        ron ronald ronnie ross roy ruben rudolph rudy rupert russell ryan salvatore sam samuel scott sean sebastian \
        sergei sergey seth shane shawn sheldon sherrod sidney simon spencer stan stanley stefan stephen steve steven \
        stuart ted teddy terrence terry theodore thomas tim timothy toby todd tom tommy tony travis trent trey troy \
        tyler ulrich umberto uwe victor viktor vince vincent vladimir vladislav volodymyr walter warren wayne wes \
        wesley will william willie wilson wolfgang xavier yair yitzhak yuri yves zach zachary zbigniew
        """

    private static let female = """
        abby abigail ada adele adriana agnes aileen aimee alice alicia alison allison alma alyssa amanda amber amelia \
        amy ana anastasia andrea angela angelina angie anita ann anna anne annette annie antoinette april ariana \
        arlene ashley audrey ava barbara beatrice becky belinda bernadette beth betsy betty beverly bianca bonnie \
        brenda bridget brigitte britney brittany brooke camila candace cara carla carly carmen carol carole caroline \
        carolyn carrie cassandra catherine cathy cecilia celia charlene charlotte chelsea cheryl chloe chrissy \
        christina christine cindy claire clara claudia colleen connie constance cora courtney crystal cynthia daisy \
        dana daniela danielle daphne darlene dawn debbie debora deborah debra deirdre delores denise diana diane \
        dianne dolores donna doris dorothy edith eileen elaine eleanor elena elisabeth eliza elizabeth ella ellen \
        eloise elsa emilia emily emma erica erin esther ethel eva evelyn faith fatima felicia fiona florence frances \
        francesca gabriela gabrielle gail geraldine gina giselle gladys gloria grace gretchen gwen gwendolyn hannah \
        harriet hazel heather heidi helen helena hillary hilary holly hope huma ida ilona ines ingrid irene iris \
        isabel isabella ivanka jackie jacqueline jade jane janet janice jasmine jean jeanne jeanette jennifer jenny \
        jessica jill jo joan joanna joanne jocelyn jodi josephine joy joyce judith judy julia julie juliet justine \
        kamala karen karin kate katherine kathleen kathryn kathy katie katrina kay kayleigh kellyanne kim kimberly \
        kirsten kirstjen krista kristen kristin kristina lara laura lauren laurie leah leila lena leslie lila lillian \
        lily linda lisa liz liza lois loretta lori lorraine louise lucia lucy luisa lydia lynn madeleine madeline \
        maggie mallory mara marcia margaret margarita margo maria marian marianne marie marilyn marina marine marion \
        marjorie marla marsha martha mary maureen maxine megan meghan melania melanie melinda melissa meredith mia \
        michele michelle mildred miranda miriam molly monica nadia nancy naomi natalia natalie natasha nellie nicola \
        nicole nikki nina nora norma olga olivia paige pamela patricia patsy patti paula pauline peggy penelope \
        penny phyllis priscilla rachel rebecca regina renee rhonda rita roberta robin rosa rosalind rose rosemary \
        roxanne ruth sabrina sally samantha sandra sara sarah sasha shannon sharon sheila shelley sherry shirley \
        sonia sophia sophie stacey stacy stella stephanie sue susan susanne suzanne sylvia tamara tammy tania tanya \
        tara teresa theresa tiffany tina tracey tracy tulsi ursula valerie vanessa vera veronica vicki victoria \
        viola virginia vivian wanda wendy whitney yolanda yulia yvonne zoe
        """
}
